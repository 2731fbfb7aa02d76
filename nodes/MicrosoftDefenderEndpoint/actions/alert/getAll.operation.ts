import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { filtersField, optionsField, returnAllAndLimit } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { listOperation } from '../../../core/operation/listShape';
import { simplifyField, simplifying } from '../simplify';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { alertFilterOptions, buildAlertFilter, includeEvidenceOption } from './alertFilters';
import type { AlertFilters } from './alertFilters';
import { includeEvidence } from './get.operation';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many alerts',
	description: 'List alerts, optionally filtered',
	method: 'GET',
};

const dateFilters: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only alerts created after this time (UTC)',
	},
	{
		displayName: 'Updated After',
		name: 'updatedAfter',
		type: 'dateTime',
		default: '',
		description: 'Only alerts last updated after this time (UTC)',
	},
];

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	simplifyField,
	filtersField([...alertFilterOptions, ...dateFilters]),
	optionsField([includeEvidenceOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['getAll'] } },
	properties,
);

export const execute = listOperation<AlertFilters>({
	simplify: simplifying('alert'),
	endpoint: API_ENDPOINTS.alerts,
	url: '/api/alerts',
	subject: 'alerts',
	buildFilter: buildAlertFilter,
	extraQuery: (ctx): IDataObject => (includeEvidence(ctx) ? { $expand: 'evidence' } : {}),
});
