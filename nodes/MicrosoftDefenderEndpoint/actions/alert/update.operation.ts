import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { hostClock } from '../../../core/transport/hostClock';
import {
	ALERT_CLASSIFICATIONS,
	ALERT_DETERMINATIONS,
	ALERT_UPDATE_STATUSES,
} from '../../shared/enums';
import { asOptions, optionsField, readableName } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { alertIdField, readAlertId, readAlertIdParameter } from './alertId';

export const option: ApiOperation['option'] = {
	name: 'Update',
	action: 'Update an alert',
	description: "Change an alert's status, owner, classification or determination, or add a comment",
	method: 'PATCH',
};

const properties: INodeProperties[] = [
	alertIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Assigned To',
				name: 'assignedTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. analyst@contoso.com',
				description: 'Who owns the alert',
			},
			{
				displayName: 'Classification',
				name: 'classification',
				type: 'options',
				options: asOptions(ALERT_CLASSIFICATIONS),
				// No preselected conclusion: adding the field without choosing is refused, never sent as True Positive.
				default: '',
				placeholder: 'Choose what the analyst concluded',
				description: 'Whether the alert was a real threat',
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: "Added to the alert's comments",
			},
			{
				displayName: 'Determination',
				name: 'determination',
				type: 'options',
				options: asOptions(ALERT_DETERMINATIONS),
				// No preselected conclusion, as for Classification.
				default: '',
				placeholder: 'Choose what the alert turned out to be',
				description: 'What the alert turned out to be',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: asOptions(ALERT_UPDATE_STATUSES),
				default: 'InProgress',
			},
		],
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['update'] } },
	properties,
);

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
		if (value === undefined) continue;
		if (value === '')
			return {
				ok: false,
				problem: `${label} is added but empty: choose one of ${allowed.map(readableName).join(', ')}, or remove the field`,
			};
		const checked = checkOneOf(value, allowed, label);
		if (!checked.ok) return checked;
		body[key] = checked.value;
	}
	for (const key of ['assignedTo', 'comment'] as const) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim() !== '') body[key] = value.trim();
	}
	if (Object.keys(body).length === 0) {
		return {
			ok: false,
			problem:
				'Nothing to update: add at least one field (Status, Assigned To, Classification, Determination or Comment)',
		};
	}
	return { ok: true, value: body };
}

/** Whether the alert has comment `text` made at or after Defender time `sinceMs` (comments name their time createdTime or createdDateTime). */
const hasCommentSince = (alert: IDataObject, text: unknown, sinceMs: number) =>
	Array.isArray(alert.comments) &&
	(alert.comments as IDataObject[]).some(
		(entry) =>
			entry.comment === text &&
			Date.parse(String(entry.createdTime ?? entry.createdDateTime)) >= sinceMs,
	);

/** An update whose answer was lost is looked up before it is sent again, so a comment is not added twice. */
async function updateAlert(
	client: ApiClient,
	rawId: unknown,
	fields: AlertUpdateFields,
): Promise<IDataObject> {
	const id = readAlertId(client, rawId);
	const body = buildAlertUpdate(fields);
	if (!body.ok) throw client.inputError(body.problem);
	const changes = body.value;
	const sentAt = hostClock.now();
	const outcome = await client.send(
		API_ENDPOINTS.updateAlert,
		{
			method: 'PATCH',
			url: `/api/alerts/${id}`,
			headers: { 'Content-Type': 'application/json' },
			body: changes,
		},
		undefined,
		// The fields are idempotent; only the comment would be added twice, so it decides whether to resend.
		async (failure) => {
			if (!isLostResponse(failure) || changes.comment === undefined) return undefined;
			const current = await client.send(API_ENDPOINTS.alerts, {
				method: 'GET',
				url: `/api/alerts/${id}`,
			});
			if (!current.ok) {
				throw client.inputError(
					`The answer to the update of alert ${id} was lost, and the node could not read the alert to check whether its comment was added, so it did not send it again`,
					'Look at the alert in Defender before running the item again.',
				);
			}
			// Read after the alert's answer, whose Date tells Defender's clock at our send.
			return hasCommentSince(current.value, changes.comment, client.serviceTime(sentAt).earliest)
				? current.value
				: undefined;
		},
	);
	if (!outcome.ok)
		throw client.failure(API_ENDPOINTS.updateAlert, outcome, {
			subject: `alert ${id}`,
			verb: 'update',
		});
	return outcome.value;
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const fields = ctx.getNodeParameter('updateFields', {}) as AlertUpdateFields;
	return toItems(client, [await updateAlert(client, readAlertIdParameter(ctx), fields)]);
};
