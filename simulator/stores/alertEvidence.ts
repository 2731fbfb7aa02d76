import { createHash } from 'node:crypto';

import type { SimulatedAlertEvidence, SimulatedAlertUser } from './alerts';

// The evidence Defender attaches to an alert, built deterministically from the alert's index.

export function hashHex(text: string, length = 40): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export function hashNumber(text: string): number {
	return parseInt(hashHex(text, 8), 16);
}

export interface EvidenceContext {
	index: number;
	time: string;
	user: SimulatedAlertUser;
}

export function blankEvidence(entityType: string, time: string): SimulatedAlertEvidence {
	return {
		entityType,
		evidenceCreationTime: time,
		sha1: null,
		sha256: null,
		fileName: null,
		filePath: null,
		processId: null,
		processCommandLine: null,
		processCreationTime: null,
		parentProcessId: null,
		parentProcessCreationTime: null,
		parentProcessFileName: null,
		parentProcessFilePath: null,
		ipAddress: null,
		url: null,
		registryKey: null,
		registryHive: null,
		registryValueType: null,
		registryValue: null,
		accountName: null,
		domainName: null,
		userSid: null,
		aadUserId: null,
		userPrincipalName: null,
		detectionStatus: null,
	};
}

export const userEvidence = ({ index, time, user }: EvidenceContext): SimulatedAlertEvidence => {
	const aad = hashHex(`aad-user-${user.userName}`, 32);
	return {
		...blankEvidence('User', time),
		accountName: user.userName,
		domainName: user.domainName,
		userSid: `S-1-5-21-1004336348-1177238915-682003330-${1100 + (index % 50)}`,
		aadUserId: `${aad.slice(0, 8)}-${aad.slice(8, 12)}-4${aad.slice(13, 16)}-a${aad.slice(17, 20)}-${aad.slice(20, 32)}`,
		userPrincipalName: `${user.userName}@contoso.com`,
	};
};

export const fileEvidence = (
	context: EvidenceContext,
	fileName: string,
	filePath: string,
	detectionStatus: string,
): SimulatedAlertEvidence => ({
	...blankEvidence('File', context.time),
	sha1: hashHex(`sha1-${fileName}-${context.index}`, 40),
	sha256: hashHex(`sha256-${fileName}-${context.index}`, 64),
	fileName,
	filePath,
	detectionStatus,
});

export const processEvidence = (
	context: EvidenceContext,
	fileName: string,
	filePath: string,
	commandLine: string,
): SimulatedAlertEvidence => ({
	...blankEvidence('Process', context.time),
	sha1: hashHex(`sha1-${fileName}`, 40),
	sha256: hashHex(`sha256-${fileName}`, 64),
	fileName,
	filePath,
	processId: 1000 + (hashNumber(`pid-${context.index}-${fileName}`) % 9000),
	processCommandLine: commandLine,
	processCreationTime: context.time,
	parentProcessId: 500 + (context.index % 400),
	parentProcessCreationTime: context.time,
	parentProcessFileName: 'explorer.exe',
	parentProcessFilePath: 'C:\\Windows',
	detectionStatus: 'Detected',
});
