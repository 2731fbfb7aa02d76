import type { IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { EntityKey } from '../../../core/operation/entityShapes';

/** A resource locator; saved workflows that hold a plain string or an expression here keep working. */
export const alertIdField: INodeProperties = {
	displayName: 'Alert',
	name: 'alertId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		"The alert: picked from the latest ones (search by title), or by its ID, like the ID field of the trigger's output",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an alert (search: title)...',
			typeOptions: { searchListMethod: 'searchAlerts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. da637472900382838869_1364969609',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[A-Za-z]{0,2}\\d{15,20}_-?\\d{1,10}\\s*$',
						errorMessage: 'Not a Defender alert ID: it looks like da637472900382838869_1364969609',
					},
				},
			],
		},
	],
};

/** The id whether the parameter holds a resource locator or, in workflows saved before it was one, a plain string. */
export const readAlertIdParameter = (ctx: IExecutePaginationFunctions): unknown =>
	ctx.getNodeParameter('alertId', undefined, { extractValue: true });

// Defender alert ids: a source prefix (da, ed, ...), an 18-digit tick count, "_", a signed 32-bit hash.
const ALERT_ID_PATTERN = /^[a-z]{0,2}\d{15,20}_-?\d{1,10}$/i;

/** The trimmed alert id when it has Defender's shape; otherwise what is wrong, so nothing else reaches a URL. */
export function checkAlertId(raw: unknown): Checked<string> {
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '')
		return { ok: false, problem: 'Alert ID is empty' };
	const id = text.trim();
	if (!ALERT_ID_PATTERN.test(id)) {
		return {
			ok: false,
			problem: `Alert ID must be a Defender alert ID such as da637472900382838869_1364969609, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: id };
}

/** The checked alert id, or the input error that names what is wrong. */
export function readAlertId(client: ApiClient, raw: unknown): string {
	const checked = checkAlertId(raw);
	if (!checked.ok) throw client.inputError(checked.problem);
	return checked.value;
}

/** The alert an item names, as the key of a declared read (`entityRead`). */
export const alertKey: EntityKey = {
	fields: [alertIdField],
	read: async (ctx, client) => {
		const id = readAlertId(client, readAlertIdParameter(ctx));
		return { id, subject: `alert ${id}` };
	},
};
