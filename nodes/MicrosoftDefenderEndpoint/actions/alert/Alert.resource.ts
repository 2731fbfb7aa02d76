import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as createByReference from './createByReference.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { pivotReads } from './pivotReads';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = { createByReference, get, getAll, update, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('alert', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
