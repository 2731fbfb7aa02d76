import { createHash } from 'node:crypto';

import { HttpProblem } from './httpProblem';

export type AlertSeverity = 'UnSpecified' | 'Informational' | 'Low' | 'Medium' | 'High';
export type AlertStatus = 'Unknown' | 'New' | 'InProgress' | 'Resolved';
export type AlertClassification = 'TruePositive' | 'InformationalExpectedActivity' | 'FalsePositive';

export interface SimulatedAlertComment {
	comment: string;
	createdBy: string;
	createdTime: string;
}

export interface SimulatedAlertUser {
	userName: string;
	domainName: string;
}

/** One evidence entry as `$expand=evidence` shows it: every field is present, null when it does not apply. */
export interface SimulatedAlertEvidence {
	entityType: string;
	evidenceCreationTime: string;
	sha1: string | null;
	sha256: string | null;
	fileName: string | null;
	filePath: string | null;
	processId: number | null;
	processCommandLine: string | null;
	processCreationTime: string | null;
	parentProcessId: number | null;
	parentProcessCreationTime: string | null;
	parentProcessFileName: string | null;
	parentProcessFilePath: string | null;
	ipAddress: string | null;
	url: string | null;
	registryKey: string | null;
	registryHive: string | null;
	registryValueType: string | null;
	registryValue: string | null;
	accountName: string | null;
	domainName: string | null;
	userSid: string | null;
	aadUserId: string | null;
	userPrincipalName: string | null;
	detectionStatus: string | null;
}

export interface SimulatedAlert {
	id: string;
	incidentId: number;
	investigationId: number | null;
	assignedTo: string | null;
	severity: AlertSeverity;
	status: AlertStatus;
	classification: AlertClassification | null;
	determination: string | null;
	investigationState: string;
	detectionSource: string;
	detectorId: string | null;
	category: string;
	threatFamilyName: string | null;
	threatName: string | null;
	title: string;
	description: string;
	alertCreationTime: string;
	firstEventTime: string;
	lastEventTime: string;
	lastUpdateTime: string;
	resolvedTime: string | null;
	machineId: string;
	computerDnsName: string;
	rbacGroupName: string | null;
	aadTenantId: string;
	relatedUser: SimulatedAlertUser | null;
	mitreTechniques: string[];
	comments: SimulatedAlertComment[];
	evidence: SimulatedAlertEvidence[];
}

/** An alert as the API answers it: evidence only comes with `$expand=evidence`. */
export type SimulatedAlertView = Omit<SimulatedAlert, 'evidence'> & { evidence?: SimulatedAlertEvidence[] };

/** The fields `PATCH /api/alerts/{id}` takes, validated. */
export interface AlertUpdate {
	status?: 'New' | 'InProgress' | 'Resolved';
	assignedTo?: string;
	classification?: AlertClassification;
	determination?: string;
	comment?: string;
}

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['UnSpecified', 'Informational', 'Low', 'Medium', 'High'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['Unknown', 'New', 'InProgress', 'Resolved'];
export const ALERT_CLASSIFICATIONS: readonly AlertClassification[] = ['TruePositive', 'InformationalExpectedActivity', 'FalsePositive'];
const UPDATE_STATUSES = ['New', 'InProgress', 'Resolved'] as const;
/** Every determination update-alert.md names, including the older ones (Apt, SecurityPersonnel, NotAvailable) still sent by some clients. */
export const ALERT_DETERMINATIONS: readonly string[] = [
	'MultiStagedAttack',
	'MaliciousUserActivity',
	'CompromisedUser',
	'CompromisedAccount',
	'Malware',
	'Phishing',
	'UnwantedSoftware',
	'SecurityTesting',
	'LineOfBusinessApplication',
	'ConfirmedActivity',
	'NotMalicious',
	'InsufficientData',
	'Other',
	'NotAvailable',
	'Apt',
	'SecurityPersonnel',
];
const UPDATABLE = ['status', 'assignedTo', 'classification', 'determination', 'comment'] as const;

export const ALERT_FILTER_FIELDS = [
	'alertCreationTime',
	'lastUpdateTime',
	'incidentId',
	'investigationId',
	'id',
	'assignedTo',
	'detectionSource',
	'lastEventTime',
	'status',
	'severity',
	'category',
	'machineId',
];
export const ALERT_DATE_FIELDS = ['alertCreationTime', 'lastUpdateTime', 'lastEventTime'];
const ORDERBY_FIELDS = ['alertCreationTime', 'lastUpdateTime'] as const;
/** What an alert id in a path may be: Defender's ids are `da…_…`, `ed…`, digits or GUIDs, never anything with / or dots. */
export const ALERT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch: Defender's `da` ids start with the creation time in ticks. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

/** `da` + 18 digits + `_` + 9 or 10 digits; the index sits in the sub-millisecond ticks so equal creation times still differ. */
export function alertId(createdMs: number, index: number): string {
	const ticks = BigInt(Math.trunc(createdMs)) * 10_000n + EPOCH_TICKS + BigInt(index % 10_000);
	const suffix = 100_000_000 + (hashNumber(`alert-${index}`) % 2_047_483_647);
	return `da${ticks.toString().padStart(18, '0').slice(-18)}_${suffix}`;
}

function hashHex(text: string, length = 40): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function hashNumber(text: string): number {
	return parseInt(hashHex(text, 8), 16);
}

interface EvidenceContext {
	index: number;
	time: string;
	user: SimulatedAlertUser;
}

function blankEvidence(entityType: string, time: string): SimulatedAlertEvidence {
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

const userEvidence = ({ index, time, user }: EvidenceContext): SimulatedAlertEvidence => {
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

const fileEvidence = (context: EvidenceContext, fileName: string, filePath: string, detectionStatus: string): SimulatedAlertEvidence => ({
	...blankEvidence('File', context.time),
	sha1: hashHex(`sha1-${fileName}-${context.index}`, 40),
	sha256: hashHex(`sha256-${fileName}-${context.index}`, 64),
	fileName,
	filePath,
	detectionStatus,
});

const processEvidence = (context: EvidenceContext, fileName: string, filePath: string, commandLine: string): SimulatedAlertEvidence => ({
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

interface AlertTemplate {
	severity: AlertSeverity;
	category: string;
	detectionSource: string;
	threatFamilyName: string | null;
	title: string;
	description: string;
	mitreTechniques: string[];
	/** Automated investigation runs on most detections but not on custom ones. */
	investigated: boolean;
	evidence: (context: EvidenceContext) => SimulatedAlertEvidence[];
}

const TEMPLATES: AlertTemplate[] = [
	{
		severity: 'Medium',
		category: 'Malware',
		detectionSource: 'WindowsDefenderAv',
		threatFamilyName: 'Meterpreter',
		title: "'Meterpreter' malware was detected",
		description: 'Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines.',
		mitreTechniques: ['T1204.002'],
		investigated: true,
		evidence: (context) => [
			fileEvidence(context, 'invoice_0423.exe', `C:\\Users\\${context.user.userName}\\Downloads`, 'Prevented'),
			userEvidence(context),
		],
	},
	{
		severity: 'High',
		category: 'Ransomware',
		detectionSource: 'WindowsDefenderAtp',
		threatFamilyName: null,
		title: 'Ransomware behavior detected in the file system',
		description: 'A process deleted volume shadow copies and encrypted many files in a short time, which is typical of ransomware.',
		mitreTechniques: ['T1486', 'T1490'],
		investigated: true,
		evidence: (context) => [
			processEvidence(context, 'vssadmin.exe', 'C:\\Windows\\System32', 'vssadmin.exe delete shadows /all /quiet'),
			fileEvidence(context, 'locker.dll', 'C:\\ProgramData\\svc', 'Detected'),
			userEvidence(context),
		],
	},
	{
		severity: 'Low',
		category: 'SuspiciousActivity',
		detectionSource: 'WindowsDefenderAtp',
		threatFamilyName: null,
		title: 'Suspicious PowerShell command line',
		description: 'A PowerShell command line with an encoded, hidden-window payload was run, as attackers do to download and run code.',
		mitreTechniques: ['T1059.001', 'T1027'],
		investigated: true,
		evidence: (context) => [
			processEvidence(
				context,
				'powershell.exe',
				'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
				'powershell.exe -NoProfile -WindowStyle Hidden -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=',
			),
			userEvidence(context),
		],
	},
	{
		severity: 'High',
		category: 'CommandAndControl',
		detectionSource: 'CustomDetection',
		threatFamilyName: null,
		title: 'Outbound connection to known command-and-control infrastructure',
		description: 'Custom detection rule: a device connected to an address on the SOC command-and-control block list.',
		mitreTechniques: ['T1071.001'],
		investigated: false,
		evidence: (context) => [
			{ ...blankEvidence('Ip', context.time), ipAddress: `198.51.100.${(context.index % 250) + 1}` },
			{ ...blankEvidence('Url', context.time), url: `http://update-check.example.net/beacon/${context.index}` },
			processEvidence(context, 'rundll32.exe', 'C:\\Windows\\System32', 'rundll32.exe C:\\ProgramData\\svc\\helper.dll,Start'),
		],
	},
	{
		severity: 'Informational',
		category: 'SuspiciousActivity',
		detectionSource: 'AutomatedInvestigation',
		threatFamilyName: null,
		title: 'Automated investigation started manually',
		description: 'An automated investigation was started on this device by a security analyst.',
		mitreTechniques: [],
		investigated: true,
		// Some alerts really have no evidence: `$expand=evidence` then gives an empty array.
		evidence: () => [],
	},
];

/** The machine an alert is raised on. */
export interface AlertMachine {
	id: string;
	computerDnsName: string;
	rbacGroupName: string | null;
}

/** Deterministic, varied alert i on the given machine, created at `createdMs`. */
export function defaultAlert(index: number, createdMs: number, machine: AlertMachine, tenantId: string): SimulatedAlert {
	const template = TEMPLATES[index % TEMPLATES.length];
	const created = new Date(createdMs).toISOString();
	const user: SimulatedAlertUser = { userName: `user${String((index % 20) + 1).padStart(2, '0')}`, domainName: 'CONTOSO' };
	const investigationId = template.investigated ? 100_000 + index : null;
	const detector = hashHex(`detector-${template.title}`, 32);
	return {
		id: alertId(createdMs, index),
		// Pairs of alerts share an incident, as Defender correlates alerts on one device.
		incidentId: 7000 + Math.floor(index / 2),
		investigationId,
		assignedTo: null,
		severity: template.severity,
		status: 'New',
		classification: null,
		determination: null,
		investigationState: investigationId === null ? 'UnsupportedAlertType' : 'Queued',
		detectionSource: template.detectionSource,
		detectorId: `${detector.slice(0, 8)}-${detector.slice(8, 12)}-4${detector.slice(13, 16)}-8${detector.slice(17, 20)}-${detector.slice(20, 32)}`,
		category: template.category,
		threatFamilyName: template.threatFamilyName,
		threatName: null,
		title: template.title,
		description: template.description,
		alertCreationTime: created,
		firstEventTime: new Date(createdMs - 120_000).toISOString(),
		lastEventTime: new Date(createdMs - 60_000).toISOString(),
		lastUpdateTime: created,
		resolvedTime: null,
		machineId: machine.id,
		computerDnsName: machine.computerDnsName,
		rbacGroupName: machine.rbacGroupName,
		aadTenantId: tenantId,
		relatedUser: user,
		mitreTechniques: [...template.mitreTechniques],
		comments: [],
		evidence: template.evidence({ index, time: created, user }),
	};
}

/** What Defender itself changes on a system update: the investigation starts, then remediates and resolves. */
export function systemProgress(alert: SimulatedAlert, index: number): Partial<SimulatedAlert> {
	if (alert.status === 'New') {
		return { status: 'InProgress', investigationId: alert.investigationId ?? 100_000 + index, investigationState: 'Running' };
	}
	if (alert.status === 'InProgress') {
		return {
			status: 'Resolved',
			investigationState: 'SuccessfullyRemediated',
			classification: alert.classification ?? 'TruePositive',
			determination: alert.determination ?? (['Malware', 'Ransomware'].includes(alert.category) ? 'Malware' : 'Other'),
		};
	}
	return {};
}

const invalid = (field: string, value: unknown, allowed?: readonly string[]) =>
	new HttpProblem(
		400,
		'InvalidInput',
		`Invalid value ${JSON.stringify(value)} for property '${field}'${allowed ? `: it must be one of ${allowed.join(', ')}` : ': it must be a non-empty string'}`,
	);

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
	const found = allowed.find((candidate) => candidate === value);
	if (found === undefined) throw invalid(field, value, allowed);
	return found;
}

function text(field: string, value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') throw invalid(field, value);
	return value;
}

/** Validates a PATCH body: keys are case-sensitive, as the doc's example writes them. */
export function parseAlertUpdate(params: Record<string, unknown>): AlertUpdate {
	const keys = Object.keys(params);
	for (const key of keys) {
		if (UPDATABLE.some((known) => known === key)) continue;
		const near = UPDATABLE.find((known) => known.toLowerCase() === key.toLowerCase());
		throw new HttpProblem(
			400,
			'InvalidRequestBody',
			`Property '${key}' cannot be updated${near ? ` (names are case-sensitive: did you mean '${near}'?)` : ''}; updatable properties are ${UPDATABLE.join(', ')}`,
		);
	}
	if (keys.length === 0) {
		throw new HttpProblem(400, 'InvalidRequestBody', `The request body has nothing to update; give at least one of ${UPDATABLE.join(', ')}`);
	}
	const update: AlertUpdate = {};
	if ('status' in params) update.status = oneOf('status', params.status, UPDATE_STATUSES);
	if ('assignedTo' in params) update.assignedTo = text('assignedTo', params.assignedTo);
	if ('classification' in params) update.classification = oneOf('classification', params.classification, ALERT_CLASSIFICATIONS);
	if ('determination' in params) update.determination = oneOf('determination', params.determination, ALERT_DETERMINATIONS);
	if ('comment' in params) update.comment = text('comment', params.comment);
	return update;
}

/** Whether `$expand` asks for evidence; anything else is not a navigation property of Alert. */
export function expandsEvidence(query: URLSearchParams): boolean {
	const expand = query.get('$expand');
	if (expand === null || expand.trim() === '') return false;
	for (const part of expand.split(',').map((item) => item.trim())) {
		if (part.toLowerCase() !== 'evidence') {
			throw new HttpProblem(400, 'ODataError', `Could not find a property named '${part}' on type 'Alert' to expand`);
		}
	}
	return true;
}

const byCreationThenId = (a: SimulatedAlert, b: SimulatedAlert) =>
	Date.parse(a.alertCreationTime) - Date.parse(b.alertCreationTime) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts by `$orderby` (alertCreationTime or lastUpdateTime, asc or desc), then by creation time and id. */
export function sortAlerts(alerts: SimulatedAlert[], orderby: string | null): SimulatedAlert[] {
	const keys: Array<{ field: (typeof ORDERBY_FIELDS)[number]; sign: number }> = [];
	if (orderby !== null && orderby.trim() !== '') {
		for (const part of orderby.split(',')) {
			const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(part);
			const field = ORDERBY_FIELDS.find((candidate) => candidate === match?.[1]);
			if (!match || !field) {
				throw new HttpProblem(400, 'ODataError', `Ordering by '${part.trim()}' is not supported; use ${ORDERBY_FIELDS.join(' or ')} with asc or desc`);
			}
			keys.push({ field, sign: match[2]?.toLowerCase() === 'desc' ? -1 : 1 });
		}
	}
	return [...alerts].sort((a, b) => {
		for (const { field, sign } of keys) {
			const difference = Date.parse(a[field]) - Date.parse(b[field]);
			if (difference !== 0) return sign * difference;
		}
		return byCreationThenId(a, b);
	});
}

/** The alert as the API shows it: a copy, with evidence only when expanded (or empty, if the simulator is told so). */
export function alertView(alert: SimulatedAlert, withEvidence: boolean, emptyWhenUnexpanded: boolean): SimulatedAlertView {
	const { evidence, ...rest } = alert;
	const copy: SimulatedAlertView = {
		...rest,
		relatedUser: rest.relatedUser ? { ...rest.relatedUser } : null,
		mitreTechniques: [...rest.mitreTechniques],
		comments: rest.comments.map((comment) => ({ ...comment })),
	};
	if (withEvidence) copy.evidence = evidence.map((entry) => ({ ...entry }));
	else if (emptyWhenUnexpanded) copy.evidence = [];
	return copy;
}
