import type { INodeProperties } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as getAll from './getAll.operation';
import { recommendationKey } from './recommendationId';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

const reads = entityReads('recommendation', {
	get: {
		option: {
			name: 'Get',
			action: 'Get a security recommendation',
			description: 'Get a security recommendation by its ID',
		},
		endpoint: API_ENDPOINTS.recommendations,
		key: recommendationKey,
		path: (id) => `/api/recommendations/${id}`,
		answer: 'one',
		verb: 'read',
	},
	getDevices: {
		option: {
			name: 'Get Devices',
			action: 'Get the devices of a security recommendation',
			description: 'List the devices a security recommendation applies to, one item per device',
		},
		endpoint: API_ENDPOINTS.recommendationDevices,
		key: recommendationKey,
		path: (id) => `/api/recommendations/${id}/machineReferences`,
		answer: 'list',
		verb: 'read the devices of',
	},
	getSoftware: {
		option: {
			name: 'Get Software',
			action: 'Get the software of a security recommendation',
			description: 'List the software a security recommendation is about',
		},
		endpoint: API_ENDPOINTS.recommendationSoftware,
		key: recommendationKey,
		path: (id) => `/api/recommendations/${id}/software`,
		answer: 'list',
		verb: 'read the software of',
	},
	getVulnerabilities: {
		option: {
			name: 'Get Vulnerabilities',
			action: 'Get the vulnerabilities of a security recommendation',
			description: 'List the vulnerabilities (CVEs) a security recommendation addresses',
		},
		endpoint: API_ENDPOINTS.recommendationVulnerabilities,
		key: recommendationKey,
		path: (id) => `/api/recommendations/${id}/vulnerabilities`,
		answer: 'list',
		verb: 'read the vulnerabilities of',
	},
});

export const operations = { ...reads, getAll };

export const description: INodeProperties[] = [
	operationSelector('recommendation', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
