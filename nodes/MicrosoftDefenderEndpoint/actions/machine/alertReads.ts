import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { deviceKey } from './machineLocator';

/** A device's alerts, declared on `entityRead`. */
export const alertReads = entityReads('machine', {
	getAlerts: {
		option: {
			name: 'Get Alerts',
			action: 'Get the alerts of a device',
			description: 'List the alerts raised on a device, one item per alert',
		},
		endpoint: API_ENDPOINTS.machineAlerts,
		key: deviceKey,
		path: (id) => `/api/machines/${id}/alerts`,
		answer: 'list',
		verb: 'read the alerts of',
	},
});
