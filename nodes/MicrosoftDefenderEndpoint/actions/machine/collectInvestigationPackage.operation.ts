import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Collect Investigation Package',
	action: 'Collect an investigation package from a device',
	description:
		'Gather forensic data from a device into a package, to download with Device Action → Download Investigation Package',
	method: 'POST',
};

export const description = launchDescription(
	'collectInvestigationPackage',
	'e.g. Collecting forensics for incident INC-1234',
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.collectInvestigationPackage,
	path: 'collectInvestigationPackage',
	actionType: 'CollectInvestigationPackage',
	verb: 'collect an investigation package from',
});
