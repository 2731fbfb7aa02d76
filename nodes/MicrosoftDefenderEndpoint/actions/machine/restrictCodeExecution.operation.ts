import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Restrict App Execution',
	action: 'Restrict app execution on a device',
	description: 'Allow only Microsoft-signed applications to run on a device',
	method: 'POST',
};

export const description = launchDescription(
	'restrictCodeExecution',
	'e.g. Restricted by playbook: ransomware behaviour detected',
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.restrictCodeExecution,
	path: 'restrictCodeExecution',
	actionType: 'RestrictCodeExecution',
	verb: 'restrict app execution on',
});
