import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { BINARY_PROPERTY_PATTERN } from '../../../core/operation/checks';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { checkMachineActionId, machineActionIdField, readMachineActionId } from './machineActionId';
import { downloadPresigned, hostOf, presignedLink } from './presignedDownload';

export const option: ApiOperation['option'] = {
	// Named by what it does, so it sorts apart from Get and Get Many; the value stays getInvestigationPackage.
	name: 'Download Investigation Package',
	action: 'Download an investigation package',
	description:
		'Download the package a Collect Investigation Package action gathered, as a binary file',
	method: 'GET',
};

const properties: INodeProperties[] = [
	{
		...machineActionIdField,
		description:
			'The ID of the Collect Investigation Package action; the package exists once that action has Succeeded',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field the downloaded package (a .zip) is written to',
		displayOptions: { hide: { '/options.returnLinkOnly': [true] } },
	},
	optionsField([
		{
			displayName: 'Return Link Only',
			name: 'returnLinkOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to output only the short-lived download link instead of downloading the file. The link is a credential: anyone holding it can download the package until it expires.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machineAction'], operation: ['getInvestigationPackage'] } },
	properties,
);

async function explainMissingPackage(client: ApiClient, id: string): Promise<Error> {
	const lookup = await client.send(API_ENDPOINTS.getAction, {
		method: 'GET',
		url: `/api/machineactions/${id}`,
	});
	if (!lookup.ok) {
		return client.failure(API_ENDPOINTS.getAction, lookup, {
			subject: `device action ${id}`,
			verb: 'read',
		});
	}
	const { type, status } = lookup.value;
	if (type !== 'CollectInvestigationPackage') {
		return client.inputError(
			`Device action ${id} is a ${String(type)} action, not an investigation package collection`,
			'Give the ID of the action that "Collect Investigation Package" returned.',
		);
	}
	return client.inputError(
		`The investigation package of device action ${id} is not available: the collection is ${String(status)}`,
		status === 'Succeeded'
			? 'Defender has not published the package yet; try again in a minute.'
			: 'Defender offers the package only once the collection has Succeeded. Turn on "Wait for Final Status" on the collect step, or run this later.',
	);
}

/** Asks Defender for the package link (2 calls a minute) and downloads the file without the Defender token. */
async function getInvestigationPackage(
	ctx: IExecuteSingleFunctions,
	client: ApiClient,
	read: { machineActionId: unknown; binaryPropertyName: unknown; linkOnly: boolean },
): Promise<INodeExecutionData> {
	const checked = checkMachineActionId(read.machineActionId);
	if (!checked.ok) throw client.inputError(checked.problem);
	const id = checked.value;
	const property =
		typeof read.binaryPropertyName === 'string' ? read.binaryPropertyName.trim() : '';
	if (!read.linkOnly && !BINARY_PROPERTY_PATTERN.test(property)) {
		throw client.inputError(
			`Put Output File in Field must be a field name such as data, got ${JSON.stringify(read.binaryPropertyName)}`,
		);
	}
	const outcome = await client.send(API_ENDPOINTS.getPackageUri, {
		method: 'GET',
		url: `/api/machineactions/${id}/getPackageUri`,
	});
	if (!outcome.ok) {
		if (outcome.failure.statusCode === 404) throw await explainMissingPackage(client, id);
		throw client.failure(API_ENDPOINTS.getPackageUri, outcome, {
			subject: `the investigation package of device action ${id}`,
			verb: 'read',
		});
	}
	const link = presignedLink(
		client,
		outcome.value.value,
		`the package request for device action ${id}`,
	);
	const json: IDataObject = { machineActionId: id, packageLinkHost: hostOf(link) };
	if (read.linkOnly) return { json: { ...json, packageLink: link }, pairedItem: client.paired };
	const buffer = await downloadPresigned(ctx, client, {
		subject: `the investigation package of device action ${id}`,
		link,
		hint: () =>
			'The link Defender gives is valid for a short time; run the item again to get a new one.',
	});
	const binary = await ctx.helpers.prepareBinaryData(
		buffer,
		`investigation-package-${id}.zip`,
		'application/zip',
	);
	return {
		json: { ...json, fileSize: buffer.length },
		binary: { [property]: binary },
		pairedItem: client.paired,
	};
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const options = ctx.getNodeParameter('options', {}) as { returnLinkOnly?: boolean };
	return [
		await getInvestigationPackage(ctx, client, {
			machineActionId: readMachineActionId(ctx),
			binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', 'data'),
			linkOnly: options.returnLinkOnly === true,
		}),
	];
};
