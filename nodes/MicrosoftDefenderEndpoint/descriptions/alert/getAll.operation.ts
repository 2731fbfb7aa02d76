import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { filtersField, optionsField, returnAllAndLimit } from '../common';
import { alertFilterOptions, includeEvidenceOption } from './shared';

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
	filtersField([...alertFilterOptions, ...dateFilters]),
	optionsField([includeEvidenceOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['alert'], operation: ['getAll'] } }, properties);
