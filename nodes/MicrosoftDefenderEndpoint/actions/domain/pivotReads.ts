import type { INodeProperties } from 'n8n-workflow';

import { checkDomain } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads, stringKey } from '../../../core/operation/entityShapes';

const domainField: INodeProperties = {
	displayName: 'Domain',
	name: 'domain',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. example.com',
	description: 'The host name, without scheme or path',
};
const domainKey = stringKey(domainField, (raw) => checkDomain(raw, 'Domain'), 'domain');

/** A domain's alerts and devices, declared on `entityRead`. */
export const pivotReads = entityReads('domain', {
	getAlerts: {
		option: {
			name: 'Get Alerts',
			action: 'Get the alerts of a domain',
			description: 'List the alerts that involve a domain, one item per alert',
		},
		endpoint: API_ENDPOINTS.domainAlerts,
		key: domainKey,
		path: (id) => `/api/domains/${id}/alerts`,
		answer: 'list',
		verb: 'read the alerts of',
	},
	getDevices: {
		option: {
			name: 'Get Devices',
			action: 'Get the devices that reached a domain',
			description:
				'List the devices that communicated with a domain (Defender returns at most 500)',
		},
		endpoint: API_ENDPOINTS.domainMachines,
		key: domainKey,
		path: (id) => `/api/domains/${id}/machines`,
		answer: 'list',
		verb: 'read the devices of',
	},
});
