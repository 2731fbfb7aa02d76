import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads, stringKey } from '../../../core/operation/entityShapes';
import { checkFileHash } from '../../shared/lookups';
import { fileHashField } from './fileHash';
import * as getStats from './getStats.operation';
import { pivotReads } from './pivotReads';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

const { get } = entityReads('file', {
	get: {
		option: {
			name: 'Get',
			action: 'Get a file by its hash',
			description:
				'Get what Defender knows of a file by its SHA-1 or SHA-256: size, signer, publisher, global prevalence, determination',
		},
		endpoint: API_ENDPOINTS.files,
		key: stringKey(fileHashField, (raw) => checkFileHash(raw, 'File Hash'), 'file'),
		path: (id) => `/api/files/${id}`,
		answer: 'one',
		verb: 'read',
	},
});

export const operations = { get, getStats, ...pivotReads };

export const description: INodeProperties[] = [
	operationSelector('file', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
