import type { INodeProperties } from 'n8n-workflow';

import { runThroughNodeLoop } from '../common';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getInvestigationPackage from './getInvestigationPackage.operation';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
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
	default: 'get',
};

export const description: INodeProperties[] = [
	// Saved workflows omit a default value, so version 1 keeps Cancel as its default; from 1.1 a new
	// node starts on Get, so nothing destructive runs before the analyst picks it.
	{ ...operation, default: 'cancel', displayOptions: { show: { resource: ['machineAction'], '@version': [1] } } },
	{ ...operation, displayOptions: { show: { resource: ['machineAction'], '@version': [{ _cnd: { gte: 1.1 } }] } } },
	...cancel.description,
	...get.description,
	...getAll.description,
	...getInvestigationPackage.description,
];
