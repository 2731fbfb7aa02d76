import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../router';
import * as getStats from './getStats.operation';

export const operations = { getStats };

export const description: INodeProperties[] = [
	operationSelector('ip', operations, 'getStats'),
	...operationFields(operations),
];
