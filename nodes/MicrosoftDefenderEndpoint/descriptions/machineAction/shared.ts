import type { INodeProperties } from 'n8n-workflow';

/** A resource locator; saved workflows that hold a plain string or an expression here keep working. */
export const machineActionIdField: INodeProperties = {
	displayName: 'Machine Action',
	name: 'machineActionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The machine action: picked from the recent ones (open first), or by its ID as returned when it was launched',
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
						regex: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'Not a machine action ID: it is a GUID such as the ID field of a launched action',
					},
				},
			],
		},
	],
};
