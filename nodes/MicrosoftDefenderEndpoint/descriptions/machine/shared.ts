import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField, waitForFinalStatusOptions } from '../common';

export const machineIdField: INodeProperties = {
	displayName: 'Machine',
	name: 'machineId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The device: picked from the list, by its Defender device ID, or by its computer name',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a device...',
			typeOptions: { searchListMethod: 'searchMachines', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{40}\\s*$',
						errorMessage: "Not a Defender device ID: it has 40 hexadecimal characters",
					},
				},
			],
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. desktop-001.contoso.com',
			hint: 'The computer DNS name; it must match exactly one device',
		},
	],
};

/** The fields of a launch: the device, the required comment, the operation's own fields, the options. */
export function launchDescription(
	operation: string,
	commentPlaceholder: string,
	ownFields: INodeProperties[] = [],
): INodeProperties[] {
	const properties: INodeProperties[] = [
		machineIdField,
		...ownFields,
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			required: true,
			default: '',
			placeholder: commentPlaceholder,
			description: 'Why the action is taken; Defender requires it and shows it in the Action center',
		},
		optionsField(waitForFinalStatusOptions),
	];
	return updateDisplayOptions({ show: { resource: ['machine'], operation: [operation] } }, properties);
}
