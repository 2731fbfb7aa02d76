import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as create from './create.operation';
import * as deleteIndicator from './delete.operation';
import * as deleteMany from './deleteMany.operation';
import * as getAll from './getAll.operation';
import * as importIndicators from './import.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = {
	create,
	delete: deleteIndicator,
	deleteMany,
	getAll,
	import: importIndicators,
};

export const description: INodeProperties[] = [
	operationSelector('indicator', operations, 'create', DEFENDER_SERVICE),
	...operationFields(operations),
];
