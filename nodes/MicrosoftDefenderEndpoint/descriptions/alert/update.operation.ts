import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { ALERT_UPDATE_STATUSES } from '../../helpers/alerts';
import { ALERT_CLASSIFICATIONS, ALERT_DETERMINATIONS } from '../../helpers/interfaces';
import { asOptions, optionsField } from '../common';
import { alertIdField } from './shared';

const properties: INodeProperties[] = [
	alertIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Assigned To',
				name: 'assignedTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. analyst@contoso.com',
				description: 'Who owns the alert',
			},
			{
				displayName: 'Classification',
				name: 'classification',
				type: 'options',
				options: asOptions(ALERT_CLASSIFICATIONS),
				default: 'TruePositive',
				description: 'Whether the alert was a real threat',
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: "Added to the alert's comments",
			},
			{
				displayName: 'Determination',
				name: 'determination',
				type: 'options',
				options: asOptions(ALERT_DETERMINATIONS),
				default: 'Other',
				description: 'What the alert turned out to be',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: asOptions(ALERT_UPDATE_STATUSES),
				default: 'InProgress',
			},
		],
	},
	optionsField(),
];

export const description = updateDisplayOptions({ show: { resource: ['alert'], operation: ['update'] } }, properties);
