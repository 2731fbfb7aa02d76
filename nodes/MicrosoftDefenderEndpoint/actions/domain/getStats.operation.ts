import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { checkDomain, lookBackHoursField } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { statsOperation } from '../lookupStats';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Get Statistics',
	action: 'Get the statistics of a domain',
	description: 'How many devices in the organisation reached a domain, and when first and last',
	method: 'GET',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. example.com',
		description: 'The host name, without scheme or path',
	},
	lookBackHoursField,
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['domain'], operation: ['getStats'] } },
	properties,
);

export const execute = statsOperation({
	endpoint: API_ENDPOINTS.domainStats,
	collection: 'domains',
	parameter: 'domain',
	check: (raw) => checkDomain(raw, 'Domain'),
	noun: 'domain',
});
