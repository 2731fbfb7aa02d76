import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as getStats from './getStats.operation';
import { pivotReads } from './pivotReads';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = { getStats, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('ip', operations, 'getStats', DEFENDER_SERVICE),
	...operationFields(operations),
];
