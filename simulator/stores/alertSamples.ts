import type {
	AlertSeverity,
	SimulatedAlert,
	SimulatedAlertEvidence,
	SimulatedAlertUser,
} from './alerts';
import {
	blankEvidence,
	fileEvidence,
	hashHex,
	hashNumber,
	processEvidence,
	userEvidence,
} from './alertEvidence';
import type { EvidenceContext } from './alertEvidence';

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch: Defender's `da` ids start with the creation time in ticks. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

/** `da` + 18 digits + `_` + 9 or 10 digits; the index sits in the sub-millisecond ticks so equal creation times still differ. */
export function alertId(createdMs: number, index: number): string {
	const ticks = BigInt(Math.trunc(createdMs)) * 10_000n + EPOCH_TICKS + BigInt(index % 10_000);
	const suffix = 100_000_000 + (hashNumber(`alert-${index}`) % 2_047_483_647);
	return `da${ticks.toString().padStart(18, '0').slice(-18)}_${suffix}`;
}

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
		description:
			'Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines.',
		mitreTechniques: ['T1204.002'],
		investigated: true,
		evidence: (context) => [
			fileEvidence(
				context,
				'invoice_0423.exe',
				`C:\\Users\\${context.user.userName}\\Downloads`,
				'Prevented',
			),
			userEvidence(context),
		],
	},
	{
		severity: 'High',
		category: 'Ransomware',
		detectionSource: 'WindowsDefenderAtp',
		threatFamilyName: null,
		title: 'Ransomware behavior detected in the file system',
		description:
			'A process deleted volume shadow copies and encrypted many files in a short time, which is typical of ransomware.',
		mitreTechniques: ['T1486', 'T1490'],
		investigated: true,
		evidence: (context) => [
			processEvidence(
				context,
				'vssadmin.exe',
				'C:\\Windows\\System32',
				'vssadmin.exe delete shadows /all /quiet',
			),
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
		description:
			'A PowerShell command line with an encoded, hidden-window payload was run, as attackers do to download and run code.',
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
		description:
			'Custom detection rule: a device connected to an address on the SOC command-and-control block list.',
		mitreTechniques: ['T1071.001'],
		investigated: false,
		evidence: (context) => [
			{
				...blankEvidence('Ip', context.time),
				ipAddress: `198.51.100.${(context.index % 250) + 1}`,
			},
			{
				...blankEvidence('Url', context.time),
				url: `http://update-check.example.net/beacon/${context.index}`,
			},
			processEvidence(
				context,
				'rundll32.exe',
				'C:\\Windows\\System32',
				'rundll32.exe C:\\ProgramData\\svc\\helper.dll,Start',
			),
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
export function defaultAlert(
	index: number,
	createdMs: number,
	machine: AlertMachine,
	tenantId: string,
): SimulatedAlert {
	const template = TEMPLATES[index % TEMPLATES.length];
	const created = new Date(createdMs).toISOString();
	const user: SimulatedAlertUser = {
		userName: `user${String((index % 20) + 1).padStart(2, '0')}`,
		domainName: 'CONTOSO',
	};
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
		return {
			status: 'InProgress',
			investigationId: alert.investigationId ?? 100_000 + index,
			investigationState: 'Running',
		};
	}
	if (alert.status === 'InProgress') {
		return {
			status: 'Resolved',
			investigationState: 'SuccessfullyRemediated',
			classification: alert.classification ?? 'TruePositive',
			determination:
				alert.determination ??
				(['Malware', 'Ransomware'].includes(alert.category) ? 'Malware' : 'Other'),
		};
	}
	return {};
}
