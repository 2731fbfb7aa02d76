import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { checkFileHash, lookBackHoursField } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { statsOperation } from '../lookupStats';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { fileHashField } from './fileHash';

export const option: ApiOperation['option'] = {
	name: 'Get Statistics',
	action: 'Get the statistics of a file by its hash',
	description:
		'How many devices in the organisation saw a file, when first and last, and its top file names',
	method: 'GET',
};

const properties: INodeProperties[] = [fileHashField, lookBackHoursField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['getStats'] } },
	properties,
);

export const execute = statsOperation({
	endpoint: API_ENDPOINTS.fileStats,
	collection: 'files',
	parameter: 'fileHash',
	check: (raw) => checkFileHash(raw, 'File Hash'),
	noun: 'file',
});
