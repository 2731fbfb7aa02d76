import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { describeInput } from '../../core/operation/checks';
import type { Checked } from '../../core/operation/checks';
import type { ApiEndpoint } from '../../core/transport/apiEndpoint';
import type { ApiClient } from '../../core/transport/apiClient';

/** What an incident and an alert (v2) differ in; their operations are otherwise the same. */
export interface SecurityEntity {
	resource: 'incident' | 'alert';
	/** As a sentence names one: "incident", "alert". */
	noun: string;
	idField: string;
	idLabel: string;
	idPattern: RegExp;
	idExample: string;
	path: string;
	read: ApiEndpoint;
	update: ApiEndpoint;
	comment: ApiEndpoint;
	pageSize: number;
	/** Values the Update operation may set as status. */
	statuses: readonly string[];
	/** Values a Get Many may filter status on. */
	statusFilter: readonly string[];
}

/** The trimmed id when it has the entity's shape; otherwise what is wrong, so nothing else reaches a URL. */
export function checkEntityId(entity: SecurityEntity, raw: unknown): Checked<string> {
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '')
		return { ok: false, problem: `${entity.idLabel} is empty` };
	const id = text.trim();
	if (!entity.idPattern.test(id)) {
		return {
			ok: false,
			problem: `${entity.idLabel} must be a Microsoft Graph ${entity.noun} ID such as ${entity.idExample}, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: id };
}

export function readEntityId(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
	entity: SecurityEntity,
): string {
	// A resource locator's value (By URL: the id taken from the URL), or a plain string saved before it was one.
	const checked = checkEntityId(
		entity,
		ctx.getNodeParameter(entity.idField, '', { extractValue: true }),
	);
	if (!checked.ok) throw client.inputError(checked.problem);
	return checked.value;
}

export const INCIDENT_STATUSES = [
	'active',
	'inProgress',
	'resolved',
	'redirected',
	'awaitingAction',
] as const;
export const ALERT_STATUSES = ['new', 'inProgress', 'resolved'] as const;
export const SEVERITIES = ['unknown', 'informational', 'low', 'medium', 'high'] as const;
export const CLASSIFICATIONS = [
	'unknown',
	'falsePositive',
	'truePositive',
	'informationalExpectedActivity',
] as const;
// Graph's metadata spelling; some doc pages list compromisedUser, clean, insufficientData, confirmedUserActivity instead.
export const DETERMINATIONS = [
	'unknown',
	'apt',
	'malware',
	'securityPersonnel',
	'securityTesting',
	'unwantedSoftware',
	'other',
	'multiStagedAttack',
	'compromisedAccount',
	'phishing',
	'maliciousUserActivity',
	'notMalicious',
	'notEnoughDataToValidate',
	'confirmedActivity',
	'lineOfBusinessApplication',
] as const;

/** camelCase to Title Case for the editor: "informationalExpectedActivity" → "Informational Expected Activity". */
export const titleOptions = (values: readonly string[]) =>
	values.map((value) => ({
		name: value.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
		value,
	}));

/** Graph adds newer enum members only when asked; otherwise they arrive as unknownFutureValue. */
export const GRAPH_HEADERS = { Prefer: 'include-unknown-enum-members' };

export const commentBody = (comment: string): IDataObject => ({
	'@odata.type': 'microsoft.graph.security.alertComment',
	comment,
});
