import type { INodePropertyOptions } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation, oneOf } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Isolate',
	action: 'Isolate a device',
	description: 'Cut a device off the network, except for its connection to Defender',
	method: 'POST',
};

/** Defender's isolation types: the field offers them, the launch refuses any other value. */
const isolationTypes: INodePropertyOptions[] = [
	{
		name: 'Full',
		value: 'Full',
		description: 'Cut the device off the network except for Defender',
	},
	{
		name: 'Selective',
		value: 'Selective',
		description: 'Also keep Outlook, Teams and Skype for Business working',
	},
	{
		name: 'Unmanaged Device (Contain)',
		value: 'UnManagedDevice',
		description: 'Contain a device Defender discovered but does not manage',
	},
];

export const description = launchDescription(
	'isolate',
	'e.g. Isolated by playbook: high severity alert on this device',
	[
		{
			displayName: 'Isolation Type',
			name: 'isolationType',
			type: 'options',
			options: isolationTypes,
			default: 'Full',
		},
	],
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.isolate,
	path: 'isolate',
	actionType: 'Isolate',
	verb: 'isolate',
	body: oneOf(
		'isolationType',
		'IsolationType',
		isolationTypes.map(({ value }) => String(value)),
		'Isolation Type',
	),
});
