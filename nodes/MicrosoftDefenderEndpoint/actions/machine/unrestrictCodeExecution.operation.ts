import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Remove App Restriction',
	action: 'Remove the app restriction from a device',
	description: 'Let a device run any application again',
	method: 'POST',
};

export const description = launchDescription(
	'unrestrictCodeExecution',
	'e.g. Restriction lifted: device cleaned',
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.unrestrictCodeExecution,
	path: 'unrestrictCodeExecution',
	actionType: 'UnrestrictCodeExecution',
	verb: 'remove the app restriction from',
});
