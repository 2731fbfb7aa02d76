import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as deleteFile from './delete.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

// `delete` is a reserved word: the module is imported under another name, the option value stays `delete`.
export const operations = { delete: deleteFile, getAll, upload };

export const description: INodeProperties[] = [
	operationSelector('libraryFile', operations, 'getAll', DEFENDER_SERVICE),
	...operationFields(operations),
];
