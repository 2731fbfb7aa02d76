import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField, returnAllAndLimit } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many live response library files',
	description: 'List the scripts and files in the live response library',
	method: 'GET',
};

const properties: INodeProperties[] = [...returnAllAndLimit, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['libraryFile'], operation: ['getAll'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	// Defender documents no paging or OData options for the library: one call lists it all.
	const answer = await client.call(
		API_ENDPOINTS.listLibraryFiles,
		{ method: 'GET', url: '/api/libraryfiles' },
		{ subject: 'the live response library', verb: 'read' },
	);
	const files = Array.isArray(answer.value) ? (answer.value as IDataObject[]) : [];
	const limit = (ctx.getNodeParameter('returnAll', false) as boolean)
		? files.length
		: (ctx.getNodeParameter('limit', 50) as number);
	return toItems(client, files.slice(0, Math.max(0, limit)));
};
