import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../../nodes/MicrosoftDefenderEndpoint/transport/apiCatalog';
import { extractHttpFailure } from '../../../nodes/core/transport/failures/httpFailure';
import { buildApiError, requestLoopError } from '../../../nodes/core/transport/failures/wording';

// n8n-workflow's error classes replace a message containing a Node.js error name (ENOTFOUND is in
// RESOURCENOTFOUND, EPERM in "thE PERMission" once upper-cased and joined): every text must survive them.
const node: INode = {
	id: 'n',
	name: 'Defender',
	type: 'n8n-nodes-defender-endpoint.microsoftDefenderEndpoint',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const DOCUMENTED_CODES: Array<[number, string]> = [
	[400, 'BadRequest'],
	[400, 'ODataError'],
	[400, 'InvalidInput'],
	[400, 'InvalidRequestBody'],
	[400, 'MissingRequiredParameter'],
	[400, 'ActiveRequestAlreadyExists'],
	[400, 'InvalidHashValue'],
	[400, 'OsPlatformNotSupported'],
	[400, 'ClientVersionNotSupported'],
	[400, 'MaximumBatchSizeExceeded'],
	[401, 'Unauthorized'],
	[403, 'Forbidden'],
	[403, 'DisabledFeature'],
	[403, 'DisallowedOperation'],
	[404, 'NotFound'],
	[404, 'ResourceNotFound'],
	[429, 'TooManyRequests'],
	[500, 'InternalServerError'],
];

/** Free texts Defender or a device could put in a message, each holding a name n8n rewrites. */
const HOSTILE_TEXTS = [
	'Device action with id 5f0e3c1a was not found (ResourceNotFound)',
	'Resource not found: ENOTFOUND',
	'The requested operation requires the permission EPERM-Machine.Isolate',
	'Host ECONNREFUSED-SRV refused',
	'ETIMEDOUT while ECONNRESET and EAI_AGAIN, GETADDRINFO ENOENT EACCES EEXIST',
];

function axiosError(status: number, data: unknown): AxiosError {
	const response = {
		status,
		statusText: '',
		data,
		headers: new AxiosHeaders({}),
		config: { headers: new AxiosHeaders({}) },
	};
	return new AxiosError(
		`Request failed with status code ${status}`,
		'ERR_BAD_REQUEST',
		undefined,
		undefined,
		response as never,
	);
}

/** What n8n-core does with an axios error before the node sees it. */
const asN8nThrowsIt = (error: Error) => new NodeApiError(node, error as unknown as JsonObject);

const cases = DOCUMENTED_CODES.flatMap(([status, code]) =>
	HOSTILE_TEXTS.map((text) => [status, code, text] as const),
);

describe('Messages survive n8n-workflow error classes', () => {
	it.each(cases)('HTTP %i %s with "%s"', (status, code, text) => {
		const failure = extractHttpFailure(
			asN8nThrowsIt(axiosError(status, { error: { code, message: text, target: 'c' } })),
		);
		const about = {
			subject: 'device ENOTFOUND-PC (aaaa)',
			verb: 'isolate',
			endpoint: API_ENDPOINTS.isolate,
			itemIndex: 0,
		};

		const error = buildApiError(node, failure, about);
		// n8n hands back the same error when a node's error is wrapped again.
		const rewrapped = new NodeApiError(node, error as unknown as JsonObject, {
			message: error.message,
		});

		expect(error.message).not.toMatch(
			/connection cannot be established|incorrect host|refused the connection|timed out|DNS server|permissions, make sure/,
		);
		if (status !== 401) expect(error.message.toLowerCase()).toContain('device enotfound-pc (aaaa)');
		expect(rewrapped).toBe(error);
		expect(error.messages).toEqual([expect.stringContaining(code)]);
		if (status !== 404 && status !== 401 && status !== 429) expect(error.message).toContain(text);
		if (status === 404) expect(error.message).toBe('Device ENOTFOUND-PC (aaaa) was not found');
	});

	it.each(HOSTILE_TEXTS)('keeps an input error naming "%s" as written', (text) => {
		const message = `Device name must be a computer DNS name, got "${text}"`;

		const error = requestLoopError(node, message, 3);
		// What n8n 2.40's RoutingNode does with an item's rejection.
		const rewrapped = new NodeApiError(node, error as unknown as JsonObject, {
			message: error.message,
			httpCode: 'none',
		});

		expect(rewrapped).toBe(error);
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(3);
		// Nothing was sent: the editor shows no "From Microsoft Defender for Endpoint" details (no code, no raw messages).
		expect(error.messages).toEqual([]);
		expect(error.httpCode).toBeNull();
	});

	it('is what n8n itself would have shown without the guard (the bug users hit)', () => {
		const unguarded = new NodeApiError(
			node,
			{ code: 'ResourceNotFound' },
			{ message: 'Device action x was not found (ResourceNotFound)', httpCode: '404' },
		);
		expect(unguarded.message).toMatch(/incorrect host/);
	});
});
