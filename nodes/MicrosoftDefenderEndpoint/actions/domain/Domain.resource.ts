import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../router';
import * as getStats from './getStats.operation';
import { pivotReads } from './pivotReads';

export const operations = { getStats, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('domain', operations, 'getStats'),
	...operationFields(operations),
];
