import type { IDataObject } from 'n8n-workflow';

import { checkAlertId } from './alertId';
import { API_ENDPOINTS } from './apiEndpoints';
import { ALERT_CLASSIFICATIONS, ALERT_DETERMINATIONS } from './interfaces';
import type { Checked } from './interfaces';
import { describeInput } from './machineActionId';
import { retryClock } from './retry';
import { isLostResponse, withoutODataContext } from './transport';
import type { DefenderClient } from './transport';

export const ALERT_UPDATE_STATUSES = ['New', 'InProgress', 'Resolved'] as const;

export interface AlertUpdateFields {
	status?: string;
	assignedTo?: string;
	classification?: string;
	determination?: string;
	comment?: string;
}

const ENUM_FIELDS = [
	['status', 'Status', ALERT_UPDATE_STATUSES],
	['classification', 'Classification', ALERT_CLASSIFICATIONS],
	['determination', 'Determination', ALERT_DETERMINATIONS],
] as const;

/** Defender's PATCH body (its keys are lower camel case), checked before sending; at least one change. */
export function buildAlertUpdate(fields: AlertUpdateFields): Checked<IDataObject> {
	const body: IDataObject = {};
	for (const [key, label, allowed] of ENUM_FIELDS) {
		const value = fields[key];
		if (value === undefined || value === '') continue;
		if (!(allowed as readonly string[]).includes(value)) {
			return { ok: false, problem: `${label} must be one of ${allowed.join(', ')}, got ${describeInput(value)}` };
		}
		body[key] = value;
	}
	for (const key of ['assignedTo', 'comment'] as const) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim() !== '') body[key] = value.trim();
	}
	if (Object.keys(body).length === 0) {
		return { ok: false, problem: 'Nothing to update: add at least one field (Status, Assigned To, Classification, Determination or Comment)' };
	}
	return { ok: true, value: body };
}

export function readAlertId(client: DefenderClient, raw: unknown): string {
	const checked = checkAlertId(raw);
	if (!checked.ok) throw client.inputError(checked.problem);
	return checked.value;
}

export async function getAlert(client: DefenderClient, rawId: unknown, includeEvidence: boolean): Promise<IDataObject> {
	const id = readAlertId(client, rawId);
	const alert = await client.call(
		API_ENDPOINTS.alerts,
		{ method: 'GET', url: `/api/alerts/${id}`, qs: includeEvidence ? { $expand: 'evidence' } : {} },
		{ subject: `alert ${id}`, verb: 'read' },
	);
	return withoutODataContext(alert);
}

/** How much earlier than our request a comment may look created and still be ours: clocks differ. */
const CLOCK_SKEW_MS = 2000;

const hasCommentSince = (alert: IDataObject, text: unknown, sinceMs: number) =>
	Array.isArray(alert.comments) &&
	(alert.comments as IDataObject[]).some(
		(entry) => entry.comment === text && Date.parse(String(entry.createdTime)) >= sinceMs - CLOCK_SKEW_MS,
	);

/** An update whose answer was lost is looked up before it is sent again, so a comment is not added twice. */
export async function updateAlert(client: DefenderClient, rawId: unknown, fields: AlertUpdateFields): Promise<IDataObject> {
	const id = readAlertId(client, rawId);
	const body = buildAlertUpdate(fields);
	if (!body.ok) throw client.inputError(body.problem);
	const changes = body.value;
	const sentAt = retryClock.now();
	const outcome = await client.send(
		API_ENDPOINTS.updateAlert,
		{ method: 'PATCH', url: `/api/alerts/${id}`, headers: { 'Content-Type': 'application/json' }, body: changes },
		undefined,
		// The fields are idempotent; only the comment would be added twice, so it decides whether to resend.
		async (failure) => {
			if (!isLostResponse(failure) || changes.comment === undefined) return undefined;
			const current = await client.send(API_ENDPOINTS.alerts, { method: 'GET', url: `/api/alerts/${id}` });
			if (!current.ok) {
				throw client.inputError(
					`The answer to the update of alert ${id} was lost, and the node could not read the alert to check whether its comment was added, so it did not send it again`,
					'Look at the alert in Defender before running the item again.',
				);
			}
			return hasCommentSince(current.value, changes.comment, sentAt) ? current.value : undefined;
		},
	);
	if (!outcome.ok) throw client.failure(API_ENDPOINTS.updateAlert, outcome, { subject: `alert ${id}`, verb: 'update' });
	return withoutODataContext(outcome.value);
}
