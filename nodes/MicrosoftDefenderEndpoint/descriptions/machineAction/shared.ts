import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CALLS_PER_HOUR,
	DEFAULT_CALLS_PER_MINUTE,
	DEFAULT_WINDOW_SECONDS,
} from '../../helpers/rateBudget';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_TOTAL_WAIT_SECONDS } from '../../helpers/request';

export const machineActionIdField: INodeProperties = {
	displayName: 'Machine Action ID',
	name: 'machineActionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '988cc94e-7a8f-4b28-ab65-54970c5d5018',
	description: 'The ID (a GUID) of the machine action, as returned when the action was launched',
};

const requestOptions: INodeProperties[] = [
	{
		displayName: 'Calls Per Minute',
		name: 'callsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_CALLS_PER_MINUTE,
		description:
			"Most calls this credential's app makes per minute, shared by every item and execution in this n8n process. Defender's limit is 100; 0 turns pacing off.",
	},
	{
		displayName: 'Calls Per Hour',
		name: 'callsPerHour',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_CALLS_PER_HOUR,
		description: "Most calls per hour, shared the same way. Defender's limit is 1500; 0 turns it off.",
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How many times to retry a request that Defender rate limited (429) or whose answer was lost, and on Get and Get Many a server error',
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
	{
		displayName: 'Rate Limit Window (Seconds)',
		name: 'rateLimitWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_WINDOW_SECONDS,
		description:
			'Length of the "minute" that Calls Per Minute counts over (the hour is 60 of them). Change it only for a simulator running on a faster clock.',
	},
];

export function optionsField(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...requestOptions, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
