import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../router';
import * as createByReference from './createByReference.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { pivotReads } from './pivotReads';

export const operations = { createByReference, get, getAll, update, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('alert', operations, 'get'),
	...operationFields(operations),
];
