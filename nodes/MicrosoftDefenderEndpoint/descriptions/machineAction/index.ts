import type { INodeProperties } from 'n8n-workflow';

import { runThroughNodeLoop } from '../common';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getInvestigationPackage from './getInvestigationPackage.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['machineAction'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a machine action',
				description: 'Cancel a machine action that is not yet in a final state',
				routing: runThroughNodeLoop('POST'),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a machine action',
				description: 'Get a machine action by its ID',
				routing: runThroughNodeLoop('GET'),
			},
			{
				name: 'Get Investigation Package',
				value: 'getInvestigationPackage',
				action: 'Download the investigation package of a collection',
				description: 'Download the package a Collect Investigation Package action gathered, as a binary file',
				routing: runThroughNodeLoop('GET'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many machine actions',
				description: 'List machine actions, optionally filtered',
				routing: runThroughNodeLoop('GET'),
			},
		],
		// Saved workflows omit a default value: changing it would change what they do.
		default: 'cancel',
	},
	...cancel.description,
	...get.description,
	...getAll.description,
	...getInvestigationPackage.description,
];
