import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import {
	extractHttpFailure,
	readErrorBody,
} from '../../../nodes/core/transport/failures/httpFailure';
import { buildApiError, redactSecrets } from '../../../nodes/core/transport/failures/wording';
import { API_ENDPOINTS } from '../../../nodes/MicrosoftDefenderEndpoint/transport/apiCatalog';

const node: INode = {
	id: 'n',
	name: 'Defender',
	type: 'n8n-nodes-defender-endpoint.microsoftDefenderEndpoint',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function axiosError(
	status: number,
	data: unknown,
	headers: Record<string, string> = {},
): AxiosError {
	const response = {
		status,
		statusText: '',
		data,
		headers: new AxiosHeaders(headers),
		config: { headers: new AxiosHeaders({ Authorization: 'Bearer secret-token-value' }) },
	};
	return new AxiosError(
		`Request failed with status code ${status}`,
		'ERR_BAD_REQUEST',
		undefined,
		undefined,
		response as never,
	);
}

/** n8n-core wraps what axios threw exactly like this. */
const wrapLikeN8n = (error: Error) => new NodeApiError(node, error as unknown as JsonObject);

const defenderBody = (code: string, message: string) => ({
	error: { code, message, target: 'corr-123' },
});

describe('extractHttpFailure', () => {
	it('reads status, lower-cased headers and body from an axios error wrapped by n8n', () => {
		const wrapped = wrapLikeN8n(
			axiosError(429, defenderBody('TooManyRequests', 'slow down'), { 'Retry-After': '9' }),
		);

		const failure = extractHttpFailure(wrapped);

		expect(failure.statusCode).toBe(429);
		expect(failure.headers['retry-after']).toBe('9');
		expect(failure.body).toEqual(defenderBody('TooManyRequests', 'slow down'));
	});

	it('parses a JSON body that arrived as text', () => {
		expect(
			extractHttpFailure(axiosError(404, JSON.stringify(defenderBody('NotFound', 'gone')))).body,
		).toEqual(defenderBody('NotFound', 'gone'));
	});

	it('reports a lost connection by its socket code', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const failure = extractHttpFailure(wrapLikeN8n(reset));
		expect(failure.statusCode).toBeUndefined();
		expect(failure.networkCode).toBe('ECONNRESET');
	});

	it('reads status and body from the NodeApiError of n8n 1.x, which keeps no cause', () => {
		const n8n1Error = Object.assign(
			new Error('The resource you are requesting could not be found'),
			{
				httpCode: '404',
				context: { data: defenderBody('NotFound', 'gone') },
			},
		);

		const failure = extractHttpFailure(n8n1Error);

		expect(failure.statusCode).toBe(404);
		expect(failure.body).toEqual(defenderBody('NotFound', 'gone'));
		expect(failure.headers).toEqual({});
	});

	it('does not take other error codes for a lost connection', () => {
		expect(
			extractHttpFailure(Object.assign(new Error('x'), { code: 'EAUTH' })).networkCode,
		).toBeUndefined();
	});
});

describe('readErrorBody', () => {
	it.each([
		[
			defenderBody('NotFound', 'gone'),
			{ code: 'NotFound', message: 'gone', correlationId: 'corr-123' },
		],
		[
			{ error: { code: '', message: '', details: [{ message: 'bad $filter' }] } },
			{ code: undefined, message: 'bad $filter', correlationId: undefined },
		],
		['plain text', { message: 'plain text' }],
		[undefined, {}],
	])('reads %j', (body, expected) => {
		expect(readErrorBody(body)).toEqual(expected);
	});
});

describe('buildApiError', () => {
	const failure = (status: number, code: string, message: string) =>
		extractHttpFailure(axiosError(status, defenderBody(code, message)));
	const about = (verb = 'cancel') => ({
		subject: 'machine action X',
		verb,
		endpoint: API_ENDPOINTS.cancel,
		itemIndex: 2,
	});

	it.each([
		[400, 'InvalidRequestBody', 'Defender rejected the request for machine action X: bad'],
		[401, 'Unauthorized', 'Defender did not accept the access token, even after n8n renewed it'],
		[403, 'Forbidden', 'The app registration is not allowed to cancel machine action X: bad'],
		[404, 'ResourceNotFound', 'Machine action X was not found'],
		[429, 'TooManyRequests', 'Defender rate limited the request for machine action X (429)'],
		[500, 'InternalServerError', 'Defender failed with HTTP 500 for machine action X: bad'],
		[415, 'UnsupportedMediaType', 'Defender answered HTTP 415 for machine action X: bad'],
	])("words HTTP %i once, with Defender's answer in the details", (status, code, message) => {
		const error = buildApiError(node, failure(status, code, 'bad'), about());

		expect(error.message).toBe(message);
		// n8n shows httpCode as the details' "Error code": the status and Defender's own code, both.
		expect(error.httpCode).toBe(`${status} ${code}`);
		expect(error.messages.join(' ')).toContain(`Defender answered HTTP ${status} ${code}: "bad".`);
		expect(error.messages.join(' ')).toContain('Correlation ID: corr-123');
		expect(error.context.itemIndex).toBe(2);
	});

	it('names the permissions of the API that refused', () => {
		const error = buildApiError(node, failure(403, 'Forbidden', 'no'), {
			subject: 'machine action X',
			verb: 'read',
			endpoint: API_ENDPOINTS.getAction,
			itemIndex: 0,
		});
		expect(error.description).toContain('Machine.Read.All or Machine.ReadWrite.All');
	});

	it('states the limits of the API that rate limited', () => {
		const error = buildApiError(node, failure(429, 'TooManyRequests', 'slow'), {
			subject: 'the investigation package of machine action X',
			verb: 'read',
			endpoint: API_ENDPOINTS.getPackageUri,
			itemIndex: 0,
		});
		expect(error.description).toContain('This API allows 2 calls a minute and 120 an hour');
	});

	it('keeps the request headers (and the token in them) out of the error', () => {
		const error = buildApiError(node, failure(400, 'BadRequest', 'no'), about('read'));
		expect(JSON.stringify({ ...error, cause: error.cause, message: error.message })).not.toContain(
			'secret-token-value',
		);
	});

	it('masks secrets that a server echoes back', () => {
		const error = buildApiError(
			node,
			failure(400, 'BadRequest', 'secret is hunter22'),
			about('read'),
			['hunter22'],
		);
		expect(error.message).toContain('secret is ***');
		expect(JSON.stringify(error)).not.toContain('hunter22');
	});
});

describe('redactSecrets', () => {
	it('replaces every occurrence and ignores values too short to be secrets', () => {
		expect(redactSecrets('a-abcd-abcd', ['abcd', 'a'])).toBe('a-***-***');
	});
});
