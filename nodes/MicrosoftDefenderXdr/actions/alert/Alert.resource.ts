import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import { GRAPH_SERVICE } from '../../transport/graphService';
import * as addComment from './addComment.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { addComment, get, getAll, update };

export const description: INodeProperties[] = [
	operationSelector('alert', operations, 'getAll', GRAPH_SERVICE),
	...operationFields(operations),
];
