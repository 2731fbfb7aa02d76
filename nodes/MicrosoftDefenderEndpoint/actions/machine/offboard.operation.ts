import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { DefenderOperation } from '../operation';
import { launchDescription, launchOperation } from './launch';

export const option: DefenderOperation['option'] = {
	name: 'Offboard',
	action: 'Offboard a device',
	description: 'Remove a Windows device from Defender for Endpoint',
	method: 'POST',
};

export const description = launchDescription('offboard', 'e.g. Offboarded: device decommissioned');

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.offboard,
	path: 'offboard',
	actionType: 'Offboard',
	verb: 'offboard',
});
