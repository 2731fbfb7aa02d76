import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { deviceKey } from './machineLocator';

/** A device's logged-on users, software, vulnerabilities and security recommendations, declared on `entityRead`. */
export const exposureReads = entityReads('machine', {
	getLoggedOnUsers: {
		option: {
			name: 'Get Logged-On Users',
			action: 'Get the users logged on to a device',
			description:
				'List the accounts seen logging on to a device, one item per user, with logon types and whether each is a domain admin',
		},
		endpoint: API_ENDPOINTS.getLoggedOnUsers,
		key: deviceKey,
		path: (id) => `/api/machines/${id}/logonusers`,
		answer: 'list',
		verb: 'read the logged-on users of',
	},
	getRecommendations: {
		option: {
			name: 'Get Security Recommendations',
			action: 'Get the security recommendations of a device',
			description: 'List the security recommendations for a device, one item per recommendation',
		},
		endpoint: API_ENDPOINTS.machineRecommendations,
		key: deviceKey,
		path: (id) => `/api/machines/${id}/recommendations`,
		answer: 'list',
		verb: 'read the security recommendations of',
	},
	getSoftware: {
		option: {
			name: 'Get Software',
			action: 'Get the software of a device',
			description: 'List the software installed on a device, one item per product',
		},
		endpoint: API_ENDPOINTS.machineSoftware,
		key: deviceKey,
		path: (id) => `/api/machines/${id}/software`,
		answer: 'list',
		verb: 'read the software of',
	},
	getVulnerabilities: {
		option: {
			name: 'Get Vulnerabilities',
			action: 'Get the vulnerabilities of a device',
			description: 'List the vulnerabilities (CVEs) found on a device, one item per CVE',
		},
		endpoint: API_ENDPOINTS.machineVulnerabilities,
		key: deviceKey,
		path: (id) => `/api/machines/${id}/vulnerabilities`,
		answer: 'list',
		verb: 'read the vulnerabilities of',
	},
});
