import type { INodeProperties } from 'n8n-workflow';

import { setMachineActionPath } from '../../helpers/hooks';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_TOTAL_WAIT_SECONDS } from '../../helpers/request';

export const machineActionIdField: INodeProperties = {
	displayName: 'Machine Action ID',
	name: 'machineActionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '988cc94e-7a8f-4b28-ab65-54970c5d5018',
	description: 'The ID (a GUID) of the machine action, as returned when the action was launched',
	routing: { send: { preSend: [setMachineActionPath] } },
};

export const retryOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How many times to retry a request that Defender rate limited (429), or that failed with a server error on Get and Get Many',
		},
		{
			displayName: 'Max Total Wait (Seconds)',
			name: 'maxTotalWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_TOTAL_WAIT_SECONDS,
			description:
				"The longest an item waits between retries in total. Defender's Retry-After is honoured when it fits; otherwise the item fails at once.",
		},
	],
};
