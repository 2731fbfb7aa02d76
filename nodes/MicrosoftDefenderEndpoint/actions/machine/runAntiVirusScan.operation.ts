import { SCAN_TYPES } from '../../shared/enums';
import { asOptions } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation, oneOf } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Run Antivirus Scan',
	action: 'Run an antivirus scan on a device',
	description: 'Start a Microsoft Defender Antivirus scan on a device',
	method: 'POST',
};

export const description = launchDescription(
	'runAntiVirusScan',
	'e.g. Scan requested by playbook after a malware alert',
	[
		{
			displayName: 'Scan Type',
			name: 'scanType',
			type: 'options',
			options: asOptions(SCAN_TYPES),
			default: 'Quick',
		},
	],
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.runAntiVirusScan,
	path: 'runAntiVirusScan',
	actionType: 'RunAntiVirusScan',
	verb: 'scan',
	body: oneOf('scanType', 'ScanType', SCAN_TYPES, 'Scan Type'),
});
