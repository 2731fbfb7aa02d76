import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/fields';
import { checkFileHash } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../operation';
import type { DefenderOperation } from '../operation';
import { fileHashField } from './fileHash';

export const option: DefenderOperation['option'] = {
	name: 'Get',
	action: 'Get a file by its hash',
	description:
		'Get what Defender knows of a file by its SHA-1 or SHA-256: size, signer, publisher, global prevalence, determination',
	method: 'GET',
};

const properties: INodeProperties[] = [fileHashField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['file'], operation: ['get'] } },
	properties,
);

export const execute: DefenderOperation['execute'] = async (ctx, client) => {
	const hash = checkFileHash(ctx.getNodeParameter('fileHash', ''), 'File Hash');
	if (!hash.ok) throw client.inputError(hash.problem);
	const file = await client.call(
		API_ENDPOINTS.files,
		{ method: 'GET', url: `/api/files/${hash.value}` },
		{ subject: `file ${hash.value}`, verb: 'read' },
	);
	return toItems(client, [file]);
};
