import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { filtersField, optionsField, returnAllAndLimit } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { listOperation } from '../../../core/operation/listShape';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { equalityFilter, textFilter } from '../textFilters';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many security recommendations',
	description: 'List the security recommendations for the organisation, optionally filtered',
	method: 'GET',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersField([
		textFilter('Product Name', 'productName', 'e.g. edge', 'Only recommendations for this product'),
		textFilter(
			'Category',
			'recommendationCategory',
			'e.g. Application',
			'Only recommendations of this category (Application, OS, Network, Accounts, SecurityControls)',
		),
		textFilter(
			'Remediation Type',
			'remediationType',
			'e.g. Update',
			'Only recommendations of this remediation type (Update, Upgrade, Uninstall, ConfigurationChange)',
		),
		textFilter(
			'Status',
			'status',
			'e.g. Active',
			'Only recommendations in this status (Active, Exception)',
		),
		textFilter('Vendor', 'vendor', 'e.g. microsoft', 'Only recommendations for this vendor'),
	]),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['recommendation'], operation: ['getAll'] } },
	properties,
);

export const execute = listOperation<Record<string, string | undefined>>({
	endpoint: API_ENDPOINTS.recommendations,
	url: '/api/recommendations',
	subject: 'security recommendations',
	buildFilter: (filters) =>
		equalityFilter({
			productName: filters.productName,
			recommendationCategory: filters.recommendationCategory,
			remediationType: filters.remediationType,
			status: filters.status,
			vendor: filters.vendor,
		}),
});
