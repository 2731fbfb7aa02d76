import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getInvestigationPackage from './getInvestigationPackage.operation';
import * as getLiveResponseResult from '../liveResponse/getLiveResponseResult.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = { cancel, get, getAll, getInvestigationPackage, getLiveResponseResult };

const operation = operationSelector('machineAction', operations, 'get', DEFENDER_SERVICE);

export const description: INodeProperties[] = [
	// Saved workflows omit a default value, so version 1 keeps Cancel as its default; from 1.1 a new
	// node starts on Get, so nothing destructive runs before the analyst picks it.
	{
		...operation,
		default: 'cancel',
		displayOptions: { show: { resource: ['machineAction'], '@version': [1] } },
	},
	{
		...operation,
		displayOptions: { show: { resource: ['machineAction'], '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	...operationFields(operations),
];
