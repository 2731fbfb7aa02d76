import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
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
