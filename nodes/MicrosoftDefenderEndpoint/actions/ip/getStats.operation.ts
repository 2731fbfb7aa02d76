import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { checkIpAddress, lookBackHoursField } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { statsOperation } from '../lookupStats';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Get Statistics',
	action: 'Get the statistics of an IP address',
	description:
		'How many devices in the organisation connected to an IP address, and when first and last',
	method: 'GET',
};

const properties: INodeProperties[] = [
	{
		displayName: 'IP Address',
		name: 'ipAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 203.0.113.17',
		description: 'The IPv4 or IPv6 address',
	},
	lookBackHoursField,
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ip'], operation: ['getStats'] } },
	properties,
);

export const execute = statsOperation({
	endpoint: API_ENDPOINTS.ipStats,
	collection: 'ips',
	parameter: 'ipAddress',
	check: (raw) => checkIpAddress(raw, 'IP Address'),
	noun: 'IP',
});
