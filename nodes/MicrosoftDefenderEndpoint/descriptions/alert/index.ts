import type { INodeProperties } from 'n8n-workflow';

import { runThroughNodeLoop } from '../common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an alert',
				description: 'Get an alert by its ID',
				routing: runThroughNodeLoop('GET'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many alerts',
				description: 'List alerts, optionally filtered',
				routing: runThroughNodeLoop('GET'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an alert',
				description: "Change an alert's status, owner, classification or determination, or add a comment",
				routing: runThroughNodeLoop('PATCH'),
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...update.description,
];
