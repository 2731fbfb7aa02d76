import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Release From Isolation',
	action: 'Release a device from isolation',
	description: 'Reconnect an isolated device to the network',
	method: 'POST',
};

export const description = launchDescription(
	'unisolate',
	'e.g. Released by playbook: alert closed as a false positive',
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.unisolate,
	path: 'unisolate',
	actionType: 'Unisolate',
	verb: 'release from isolation',
});
