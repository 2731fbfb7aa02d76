import { createHash, randomBytes } from 'node:crypto';

import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { BINARY_PROPERTY_PATTERN, describeInput } from '../../../core/operation/checks';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { checkLibraryName } from '../liveResponse/commands';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Upload',
	action: 'Upload a file to the live response library',
	description: 'Add a script or file from an input binary field to the live response library',
	method: 'POST',
};

/** The upload API's limit (the portal allows 250 MB). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		description: 'The file keeps its name in the library unless File Name is set in the options',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. Collects triage data',
		description: 'What the file is, as the library shows it',
	},
	{
		displayName: 'Has Parameters',
		name: 'hasParameters',
		type: 'boolean',
		default: false,
		description: 'Whether the script takes arguments',
	},
	{
		displayName: 'Parameters Description',
		name: 'parametersDescription',
		type: 'string',
		default: '',
		placeholder: 'e.g. -Full: collect everything',
		description: 'The arguments the script takes, as the library shows them',
		displayOptions: { show: { hasParameters: [true] } },
	},
	{
		displayName: 'Override If Exists',
		name: 'overrideIfExists',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace a library file of the same name; off, Defender refuses the upload',
	},
	optionsField([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. collector.ps1',
			description: "The name in the library, instead of the binary file's own name",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['libraryFile'], operation: ['upload'] } },
	properties,
);

const text = (raw: unknown) => (typeof raw === 'string' ? raw : '');

/** Defender's upload form: the file part, then its fields, as its curl example sends them. */
function multipartForm(
	fileName: string,
	content: Buffer,
	fields: Record<string, string>,
): { body: Buffer; contentType: string } {
	const boundary = `----n8nDefender${randomBytes(12).toString('hex')}`;
	const part = (headers: string) => Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'utf8');
	const chunks = [
		part(
			`Content-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream`,
		),
		content,
		Buffer.from('\r\n'),
	];
	for (const [name, value] of Object.entries(fields)) {
		chunks.push(
			part(`Content-Disposition: form-data; name="${name}"`),
			Buffer.from(`${value}\r\n`, 'utf8'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const rawProperty = ctx.getNodeParameter('binaryPropertyName', 'data') as unknown;
	const property = typeof rawProperty === 'string' ? rawProperty.trim() : '';
	if (!BINARY_PROPERTY_PATTERN.test(property)) {
		throw client.inputError(
			`Input Binary Field must be a field name such as data, got ${describeInput(rawProperty)}`,
		);
	}
	const binary = ctx.helpers.assertBinaryData(property);
	const options = ctx.getNodeParameter('options', {}) as { fileName?: unknown };
	const chosenName = text(options.fileName).trim() || binary.fileName;
	const name = checkLibraryName(chosenName, 'File Name');
	if (!name.ok) throw client.inputError(name.problem);
	const content = await ctx.helpers.getBinaryDataBuffer(property);
	if (content.length > MAX_UPLOAD_BYTES) {
		throw client.inputError(
			`${name.value} is ${content.length} bytes: Defender's library upload takes files of at most 20 MB`,
		);
	}
	const hasParameters = ctx.getNodeParameter('hasParameters', false) === true;
	const fields: Record<string, string> = {
		Description: text(ctx.getNodeParameter('description', '')),
		HasParameters: String(hasParameters),
		OverrideIfExists: String(ctx.getNodeParameter('overrideIfExists', false) === true),
	};
	if (hasParameters)
		fields.ParametersDescription = text(ctx.getNodeParameter('parametersDescription', ''));
	const form = multipartForm(name.value, content, fields);
	const sha256 = createHash('sha256').update(content).digest('hex');
	/** Before a lost upload is sent again: is our file already there? Then that entry is the answer. */
	const findOwnUpload = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
		if (!isLostResponse(failure)) return undefined;
		const listed = await client.send(API_ENDPOINTS.listLibraryFiles, {
			method: 'GET',
			url: '/api/libraryfiles',
		});
		const files =
			listed.ok && Array.isArray(listed.value.value) ? (listed.value.value as IDataObject[]) : [];
		return files.find(
			(file) =>
				String(file.fileName).toLowerCase() === name.value.toLowerCase() &&
				String(file.sha256).toLowerCase() === sha256,
		);
	};
	const outcome = await client.send(
		API_ENDPOINTS.uploadLibraryFile,
		{
			method: 'POST',
			url: '/api/libraryfiles',
			headers: { 'Content-Type': form.contentType },
			body: form.body,
		},
		undefined,
		findOwnUpload,
	);
	if (!outcome.ok)
		throw client.failure(API_ENDPOINTS.uploadLibraryFile, outcome, {
			subject: `${name.value} to the live response library`,
			verb: 'upload',
		});
	return toItems(client, [outcome.value]);
};
