import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import { GRAPH_SERVICE } from '../../transport/graphService';
import * as runQuery from './runQuery.operation';

export const operations = { runQuery };

export const description: INodeProperties[] = [
	operationSelector('hunting', operations, 'runQuery', GRAPH_SERVICE),
	...operationFields(operations),
];
