import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { filtersField, optionsField, returnAllAndLimit } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { listOperation } from '../../../core/operation/listShape';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { equalityFilter, textFilter } from '../textFilters';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many software',
	description: "List the organisation's software inventory, optionally filtered by name or vendor",
	method: 'GET',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersField([
		textFilter('Name', 'name', 'e.g. edge', 'Only software of this product name'),
		textFilter('Vendor', 'vendor', 'e.g. microsoft', 'Only software of this vendor'),
	]),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['software'], operation: ['getAll'] } },
	properties,
);

export const execute = listOperation<Record<string, string | undefined>>({
	endpoint: API_ENDPOINTS.software,
	url: '/api/Software',
	subject: 'software',
	buildFilter: (filters) => equalityFilter({ name: filters.name, vendor: filters.vendor }),
});
