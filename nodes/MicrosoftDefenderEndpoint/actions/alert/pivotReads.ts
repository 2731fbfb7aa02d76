import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { alertKey } from './alertId';

/** An alert's related files, IPs, domains, user and device, declared on `entityRead`. */
export const pivotReads = entityReads('alert', {
	getDevice: {
		option: {
			name: 'Get Related Device',
			action: 'Get the device of an alert',
			description: 'Get the device an alert was raised on',
		},
		endpoint: API_ENDPOINTS.alertMachine,
		key: alertKey,
		path: (id) => `/api/alerts/${id}/machine`,
		answer: 'one',
		verb: 'read the device of',
	},
	getDomains: {
		option: {
			name: 'Get Related Domains',
			action: 'Get the domains of an alert',
			description: 'List the domains an alert involves, one item per domain (host)',
		},
		endpoint: API_ENDPOINTS.alertDomains,
		key: alertKey,
		path: (id) => `/api/alerts/${id}/domains`,
		answer: 'list',
		verb: 'read the domains of',
	},
	getFiles: {
		option: {
			name: 'Get Related Files',
			action: 'Get the files of an alert',
			description: 'List the files an alert involves, one item per file',
		},
		endpoint: API_ENDPOINTS.alertFiles,
		key: alertKey,
		path: (id) => `/api/alerts/${id}/files`,
		answer: 'list',
		verb: 'read the files of',
	},
	getIps: {
		option: {
			name: 'Get Related IPs',
			action: 'Get the IP addresses of an alert',
			description: 'List the IP addresses an alert involves, one item per address',
		},
		endpoint: API_ENDPOINTS.alertIps,
		key: alertKey,
		path: (id) => `/api/alerts/${id}/ips`,
		answer: 'list',
		verb: 'read the IP addresses of',
	},
	getUser: {
		option: {
			name: 'Get Related User',
			action: 'Get the user of an alert',
			description: 'Get the user account an alert involves',
		},
		endpoint: API_ENDPOINTS.alertUser,
		key: alertKey,
		path: (id) => `/api/alerts/${id}/user`,
		answer: 'one',
		verb: 'read the user of',
	},
});
