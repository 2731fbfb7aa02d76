import type { IncomingMessage } from 'node:http';

import type { ApiRoute } from '../simulatorRoute';
import { requestorOf } from '../core/auth/tokenAuthority';
import { HttpProblem } from '../core/httpProblem';
import type { SimulatorState } from '../stores/state';

const LIBRARY_ROLES = ['Library.Manage'];
/** The upload API's limit (the portal allows 250 MB). */
export const MAX_LIBRARY_FILE_BYTES = 20 * 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;

interface FormPart {
	name: string;
	fileName?: string;
	value: string;
}

/** The parts of a multipart/form-data body (read as UTF-8 text: library files are scripts). */
function formParts(req: IncomingMessage, body: string): FormPart[] {
	const contentType = req.headers['content-type'] ?? '';
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	if (!/^multipart\/form-data/i.test(contentType) || !boundary) {
		throw new HttpProblem(
			415,
			'UnsupportedMediaType',
			`Content-Type must be multipart/form-data, got '${contentType}'`,
		);
	}
	return body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((raw) => {
			const [head, ...rest] = raw.replace(/^\r\n/, '').split('\r\n\r\n');
			const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
			return {
				name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
				fileName: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
				value: rest.join('\r\n\r\n').replace(/\r\n$/, ''),
			};
		});
}

const formBoolean = (value: string | undefined, field: string): boolean => {
	if (value === undefined || value === '') return false;
	if (/^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	throw new HttpProblem(400, 'InvalidInput', `${field} must be true or false, got '${value}'`);
};

function upload(state: SimulatorState, { app, req, body }: Parameters<ApiRoute['handle']>[1]) {
	const parts = formParts(req, body);
	const field = (name: string) =>
		parts.find(
			(part) => part.name.toLowerCase() === name.toLowerCase() && part.fileName === undefined,
		)?.value;
	const file = parts.find(
		(part) => part.name.toLowerCase() === 'file' && part.fileName !== undefined,
	);
	if (!file) throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'File' is required");
	const fileName = file.fileName ?? '';
	if (!FILE_NAME.test(fileName) || fileName === '.' || fileName === '..') {
		throw new HttpProblem(
			400,
			'InvalidInput',
			`File name '${fileName}' is not valid: use letters, digits, - _ and .`,
		);
	}
	if (Buffer.byteLength(file.value, 'utf8') > MAX_LIBRARY_FILE_BYTES)
		throw new HttpProblem(400, 'InvalidInput', 'File size exceeds the 20 MB limit');
	const override = formBoolean(field('OverrideIfExists'), 'OverrideIfExists');
	// Undocumented: what an existing name without OverrideIfExists answers; a 400 is the likely shape.
	if (state.library.get(fileName) && !override) {
		throw new HttpProblem(
			400,
			'FileAlreadyExists',
			`A file named ${fileName} already exists in the library; set OverrideIfExists to replace it`,
		);
	}
	const entity = state.library.add({
		fileName,
		content: file.value,
		description: field('Description'),
		hasParameters: formBoolean(field('HasParameters'), 'HasParameters'),
		parametersDescription: field('ParametersDescription'),
		createdBy: requestorOf(app),
	});
	return [
		200,
		{ '@odata.context': `${state.url}/api/$metadata#LibraryFiles/$entity`, ...entity },
	] as [number, unknown];
}

export const LIBRARY_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/libraryfiles',
		api: 'listLibraryFiles',
		roles: LIBRARY_ROLES,
		handle: (state) => [
			200,
			{
				'@odata.context': `${state.url}/api/$metadata#LibraryFiles`,
				value: [...state.library.files.values()].map(({ entity }) => entity),
			},
		],
	},
	{
		method: 'POST',
		path: '/api/libraryfiles',
		api: 'uploadLibraryFile',
		roles: LIBRARY_ROLES,
		handle: upload,
	},
	{
		method: 'DELETE',
		path: '/api/libraryfiles/{id}',
		api: 'deleteLibraryFile',
		roles: LIBRARY_ROLES,
		handle: (state, { id }) => {
			if (!state.library.files.delete(id.toLowerCase()))
				throw new HttpProblem(404, 'ResourceNotFound', `Library file ${id} was not found`);
			return [204, undefined];
		},
	},
];
