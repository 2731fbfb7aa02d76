import type { INodeProperties } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as getAll from './getAll.operation';
import { investigationKey } from './investigationId';
import * as waitForFinalState from './waitForFinalState.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

const reads = entityReads('investigation', {
	get: {
		option: {
			name: 'Get',
			action: 'Get an automated investigation',
			description:
				'Get an automated investigation by its ID: its state, device and triggering alert',
		},
		endpoint: API_ENDPOINTS.investigations,
		key: investigationKey,
		path: (id) => `/api/investigations/${id}`,
		answer: 'one',
		verb: 'read',
	},
});

export const operations = { ...reads, getAll, waitForFinalState };

export const description: INodeProperties[] = [
	operationSelector('investigation', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
