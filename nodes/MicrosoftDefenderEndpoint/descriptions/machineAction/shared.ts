import type { INodeProperties } from 'n8n-workflow';

export const machineActionIdField: INodeProperties = {
	displayName: 'Machine Action ID',
	name: 'machineActionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. the ID field of a launched action',
	description: 'The ID (a GUID) of the machine action, as returned when the action was launched',
};
