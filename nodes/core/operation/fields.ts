import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CALLS_PER_HOUR,
	DEFAULT_CALLS_PER_MINUTE,
	DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
	DEFAULT_MAX_RETRIES,
	DEFAULT_MAX_TOTAL_WAIT_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_WINDOW_SECONDS,
} from '../transport/nodeOptions';

const requestOptions: INodeProperties[] = [
	{
		displayName: 'Calls Per Minute',
		name: 'callsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_CALLS_PER_MINUTE,
		description:
			'Most calls per minute to each Defender API this operation uses, shared by every item and execution in this n8n process that uses the same app registration. Unset, each API keeps its documented limit (100; 2 for the investigation package link, 10 for live response); 0 turns pacing off.',
	},
	{
		displayName: 'Calls Per Hour',
		name: 'callsPerHour',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_CALLS_PER_HOUR,
		description:
			'Most calls per hour to each API, shared the same way. Unset, each API keeps its documented limit (1500; 120 for the package link, 600 for live response); 0 turns it off.',
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

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** A Get Many's or the trigger's Filters collection, its entries in alphabetical order. */
export function filtersField(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...filters].sort(byDisplayName),
	};
}

export function optionsField(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...requestOptions, ...extra].sort(byDisplayName),
	};
}

/** The options of an operation that creates or cancels an action: the request options, plus waiting. */
export const waitForFinalStatusOptions: INodeProperties[] = [
	{
		displayName: 'Wait for Final Status',
		name: 'waitForFinalStatus',
		type: 'boolean',
		default: false,
		description:
			'Whether to poll the action until it is Cancelled, Succeeded, Failed or TimeOut. The output then says whether it got there, how long it waited, and whether the command had completed although the action shows Cancelled.',
	},
	{
		displayName: 'Final Status Timeout (Seconds)',
		name: 'finalStatusTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
		description: 'How long to keep polling when Wait for Final Status is on',
		// Only added once Wait for Final Status is on: a sibling in the same Options collection.
		displayOptions: { show: { waitForFinalStatus: [true] } },
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description:
			"Time between polls. All the actions this app registration's items wait for are checked with one call per poll.",
		// Only added once Wait for Final Status is on: a sibling in the same Options collection.
		displayOptions: { show: { waitForFinalStatus: [true] } },
	},
];

/** Names whose split into words is not enough; the values stay Defender's. */
const READABLE_NAMES: Record<string, string> = {
	Apt: 'APT',
	InformationalExpectedActivity: 'Informational, Expected Activity',
	NoSensorDataImpairedCommunication: 'No Sensor Data, Impaired Communication',
	RunAntiVirusScan: 'Run Antivirus Scan',
	TimeOut: 'Timed Out',
	UnSpecified: 'Unspecified',
};

/** "InProgress" reads "In Progress": Defender's value, in words. */
export const readableName = (value: string): string =>
	READABLE_NAMES[value] ?? value.replace(/([a-z])([A-Z])/g, '$1 $2');

export const asOptions = (values: readonly string[]) =>
	values.map((value) => ({ name: readableName(value), value }));

/** Return All / Limit, as every n8n list operation has them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
