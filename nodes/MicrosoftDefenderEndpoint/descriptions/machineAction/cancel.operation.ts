import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
} from '../../helpers/request';
import { machineActionIdField, optionsField } from './shared';

const properties: INodeProperties[] = [
	machineActionIdField,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Cancelled by automation: alert was a false positive',
		description: 'Why the action is cancelled; Defender stores it on the action as the cancellation comment',
	},
	optionsField([
		{
			displayName: 'Wait for Final Status',
			name: 'waitForFinalStatus',
			type: 'boolean',
			default: false,
			description:
				'Whether to poll the action after cancelling until it is Cancelled, Succeeded, Failed or TimeOut. The output then says whether it got there, how long it waited, and whether the command had completed although the action shows Cancelled.',
		},
		{
			displayName: 'Final Status Timeout (Seconds)',
			name: 'finalStatusTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
			description: 'How long to keep polling when Wait for Final Status is on',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description: "Time between polls; polls count against the credential's call budget",
		},
	]),
];

const displayOptions = { show: { resource: ['machineAction'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);
