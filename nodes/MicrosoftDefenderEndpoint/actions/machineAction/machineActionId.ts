import type { IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resource locator; saved workflows that hold a plain string or an expression here keep working. */
export const machineActionIdField: INodeProperties = {
	displayName: 'Device Action',
	name: 'machineActionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The device action: picked from the recent ones, or by its ID as returned when it was launched',
	hint: 'The list is as Defender answered when it was opened (ages included); for Cancel, the actions that can still be cancelled come first',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an action...',
			typeOptions: { searchListMethod: 'searchMachineActions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. the ID field of a launched action (a GUID)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex:
							'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage:
							'Not a device action ID: it is a GUID such as the ID field of a launched action',
					},
				},
			],
		},
	],
};

/** The id whether the parameter holds a resource locator or, in workflows saved before it was one, a plain string. */
export const readMachineActionId = (ctx: IExecutePaginationFunctions): unknown =>
	ctx.getNodeParameter('machineActionId', undefined, { extractValue: true });

/**
 * The trimmed id when it is a GUID; otherwise what is wrong, so that nothing else
 * (a path, a query string, an empty value) is ever put into a request URL.
 */
export function checkMachineActionId(raw: unknown): Checked<string> {
	if (typeof raw !== 'string') {
		return {
			ok: false,
			problem: `Device Action ID must be a text GUID, got ${raw === null ? 'null' : typeof raw} ${describeInput(raw)}`,
		};
	}
	const id = raw.trim();
	if (id === '') return { ok: false, problem: 'Device Action ID is empty' };
	if (!GUID_PATTERN.test(id)) {
		return {
			ok: false,
			problem: `Device Action ID must be a GUID such as 988cc94e-7a8f-4b28-ab65-54970c5d5018, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: id };
}
