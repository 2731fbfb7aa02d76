import type { INodeProperties } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import { userKey } from './userName';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = entityReads('user', {
	getAlerts: {
		option: {
			name: 'Get Alerts',
			action: 'Get the alerts of a user',
			description: 'List the alerts that involve a user account, one item per alert',
		},
		endpoint: API_ENDPOINTS.userAlerts,
		key: userKey,
		path: (id) => `/api/users/${id}/alerts`,
		answer: 'list',
		verb: 'read the alerts of',
	},
	getDevices: {
		option: {
			name: 'Get Devices',
			action: 'Get the devices of a user',
			description: 'List the devices a user account was seen on, one item per device',
		},
		endpoint: API_ENDPOINTS.userMachines,
		key: userKey,
		path: (id) => `/api/users/${id}/machines`,
		answer: 'list',
		verb: 'read the devices of',
	},
});

export const description: INodeProperties[] = [
	operationSelector('user', operations, 'getAlerts', DEFENDER_SERVICE),
	...operationFields(operations),
];
