import type { INodeProperties } from 'n8n-workflow';

import { checkIpAddress } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads, stringKey } from '../../../core/operation/entityShapes';

const ipField: INodeProperties = {
	displayName: 'IP Address',
	name: 'ipAddress',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 10.0.0.12',
	description: 'An IPv4 or IPv6 address',
};
const ipKey = stringKey(ipField, (raw) => checkIpAddress(raw, 'IP Address'), 'IP');

/** An IP address's alerts, declared on `entityRead`. */
export const pivotReads = entityReads('ip', {
	getAlerts: {
		option: {
			name: 'Get Alerts',
			action: 'Get the alerts of an IP address',
			description: 'List the alerts that involve an IP address, one item per alert',
		},
		endpoint: API_ENDPOINTS.ipAlerts,
		key: ipKey,
		path: (id) => `/api/ips/${id}/alerts`,
		answer: 'list',
		verb: 'read the alerts of',
	},
});
