import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { lookBackHoursField, optionsField } from '../../shared/fields';
import { checkDomain } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { statsOperation } from '../lookupStats';
import type { DefenderOperation } from '../operation';

export const option: DefenderOperation['option'] = {
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
