import type { AlertClassification } from '../stores/alerts';
import { HttpProblem } from '../core/httpProblem';

/** The fields `PATCH /api/alerts/{id}` takes, validated. */
export interface AlertUpdate {
	status?: 'New' | 'InProgress' | 'Resolved';
	assignedTo?: string;
	classification?: AlertClassification;
	determination?: string;
	comment?: string;
}

export const ALERT_CLASSIFICATIONS: readonly AlertClassification[] = [
	'TruePositive',
	'InformationalExpectedActivity',
	'FalsePositive',
];
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
		throw new HttpProblem(
			400,
			'InvalidRequestBody',
			`The request body has nothing to update; give at least one of ${UPDATABLE.join(', ')}`,
		);
	}
	const update: AlertUpdate = {};
	if ('status' in params) update.status = oneOf('status', params.status, UPDATE_STATUSES);
	if ('assignedTo' in params) update.assignedTo = text('assignedTo', params.assignedTo);
	if ('classification' in params)
		update.classification = oneOf('classification', params.classification, ALERT_CLASSIFICATIONS);
	if ('determination' in params)
		update.determination = oneOf('determination', params.determination, ALERT_DETERMINATIONS);
	if ('comment' in params) update.comment = text('comment', params.comment);
	return update;
}
