import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { assertCancelComment } from '../../helpers/hooks';
import { machineActionIdField, retryOptionsField } from './shared';

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
		routing: {
			send: { type: 'body', property: 'Comment', propertyInDotNotation: false, preSend: [assertCancelComment] },
		},
	},
	retryOptionsField,
];

const displayOptions = { show: { resource: ['machineAction'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);
