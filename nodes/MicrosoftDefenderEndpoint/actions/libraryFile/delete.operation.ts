import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { checkLibraryName } from '../liveResponse/commands';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Delete',
	action: 'Delete a live response library file',
	description: 'Remove a script or file from the live response library',
	method: 'DELETE',
};

const properties: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. collector.ps1',
		description: 'The name of the file in the live response library',
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['libraryFile'], operation: ['delete'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const name = checkLibraryName(ctx.getNodeParameter('fileName', ''), 'File Name');
	if (!name.ok) throw client.inputError(name.problem);
	let answerLost = false;
	const outcome = await client.send(
		API_ENDPOINTS.deleteLibraryFile,
		{ method: 'DELETE', url: `/api/libraryfiles/${encodeURIComponent(name.value)}` },
		(failure) => {
			if (isLostResponse(failure)) answerLost = true;
		},
	);
	// A 404 after a lost answer: the first request deleted it.
	if (outcome.ok || (answerLost && outcome.failure.statusCode === 404)) {
		return [{ json: { fileName: name.value, deleted: true }, pairedItem: client.paired }];
	}
	if (outcome.failure.statusCode === 404) {
		throw client.inputError(
			`No file named ${name.value} is in the live response library`,
			'Check the name with Live Response Library → Get Many.',
		);
	}
	throw client.failure(API_ENDPOINTS.deleteLibraryFile, outcome, {
		subject: `library file ${name.value}`,
		verb: 'delete',
	});
};
