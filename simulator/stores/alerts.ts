import { HttpProblem } from '../core/httpProblem';
import { orderByComparator } from '../core/odata/odata';

export type AlertSeverity = 'UnSpecified' | 'Informational' | 'Low' | 'Medium' | 'High';
export type AlertStatus = 'Unknown' | 'New' | 'InProgress' | 'Resolved';
export type AlertClassification =
	| 'TruePositive'
	| 'InformationalExpectedActivity'
	| 'FalsePositive';

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
export type SimulatedAlertView = Omit<SimulatedAlert, 'evidence'> & {
	evidence?: SimulatedAlertEvidence[];
};

export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
	'UnSpecified',
	'Informational',
	'Low',
	'Medium',
	'High',
];
export const ALERT_STATUSES: readonly AlertStatus[] = ['Unknown', 'New', 'InProgress', 'Resolved'];

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

/** Whether `$expand` asks for evidence; anything else is not a navigation property of Alert. */
export function expandsEvidence(query: URLSearchParams): boolean {
	const expand = query.get('$expand');
	if (expand === null || expand.trim() === '') return false;
	for (const part of expand.split(',').map((item) => item.trim())) {
		if (part.toLowerCase() !== 'evidence') {
			throw new HttpProblem(
				400,
				'ODataError',
				`Could not find a property named '${part}' on type 'Alert' to expand`,
			);
		}
	}
	return true;
}

const byCreationThenId = (a: SimulatedAlert, b: SimulatedAlert) =>
	Date.parse(a.alertCreationTime) - Date.parse(b.alertCreationTime) ||
	(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts by `$orderby` (alertCreationTime or lastUpdateTime, asc or desc), then by creation time and id. */
export function sortAlerts(alerts: SimulatedAlert[], orderby: string | null): SimulatedAlert[] {
	const byOrder = orderByComparator<SimulatedAlert>(orderby, ORDERBY_FIELDS);
	return [...alerts].sort((a, b) => byOrder(a, b) || byCreationThenId(a, b));
}

/** The alert as the API shows it: a copy, with evidence only when expanded (or empty, if the simulator is told so). */
export function alertView(
	alert: SimulatedAlert,
	withEvidence: boolean,
	emptyWhenUnexpanded: boolean,
): SimulatedAlertView {
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
