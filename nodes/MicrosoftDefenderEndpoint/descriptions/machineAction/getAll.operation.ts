import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { MACHINE_ACTION_STATUSES, MACHINE_ACTION_TYPES } from '../../helpers/interfaces';
import { asOptions, filtersField, optionsField, returnAllAndLimit } from '../common';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersField([
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only actions created after this time (UTC)',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only actions created before this time (UTC)',
		},
		{
			displayName: 'Machine ID',
			name: 'machineId',
			type: 'string',
			default: '',
			description: 'Only actions on this device (its Defender machine ID)',
		},
		{
			displayName: 'Requestor',
			name: 'requestor',
			type: 'string',
			default: '',
			description: 'Only actions launched by this user or app',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: asOptions(MACHINE_ACTION_STATUSES),
			default: [],
			description: 'Only actions in one of these statuses',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'multiOptions',
			options: asOptions(MACHINE_ACTION_TYPES),
			default: [],
			description: 'Only actions of one of these types',
		},
	]),
	optionsField(),
];

const displayOptions = { show: { resource: ['machineAction'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);
