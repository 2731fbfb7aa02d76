import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../router';
import * as get from './get.operation';
import * as getStats from './getStats.operation';
import { pivotReads } from './pivotReads';

export const operations = { get, getStats, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('file', operations, 'get'),
	...operationFields(operations),
];
