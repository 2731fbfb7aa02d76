import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField, waitForFinalStatusOptions } from '../common';
import { machineActionIdField } from './shared';

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
	optionsField(waitForFinalStatusOptions),
];

const displayOptions = { show: { resource: ['machineAction'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);
