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
				// As a tool, n8n names and describes the node to the model by this action text alone.
				action: 'Cancel a pending machine action',
				description: 'Cancel a machine action that is still Pending or InProgress, by its ID, with a comment saying why',
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
