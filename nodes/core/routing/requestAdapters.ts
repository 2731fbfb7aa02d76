import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import type { NodeOptions } from '../transport/nodeOptions';
import { normalizeHeaders } from '../transport/failures/httpFailure';
import { credentialTypeOf } from '../transport/apiService';
import type { ApiService } from '../transport/apiService';
import type { ApiHost, HostAnswer } from '../transport/apiHost';

const isObjectBody = (body: unknown): body is IDataObject =>
	typeof body === 'object' &&
	body !== null &&
	!Array.isArray(body) &&
	typeof (body as { pipe?: unknown }).pipe !== 'function';

/** The answer as n8n returned it with `returnFullResponse`. */
const fromFullResponse = (
	response: Pick<IN8nHttpFullResponse, 'body' | 'headers'> | undefined,
): HostAnswer => ({
	body: isObjectBody(response?.body) ? response.body : {},
	headers: normalizeHeaders(response?.headers),
});

/** The items `keepAnswerHeaders` made, with the whole answer each stands for. */
const fullAnswers = new WeakMap<INodeExecutionData, HostAnswer>();

/**
 * The operations' postReceive: n8n's routing reads the whole answer but hands an operation only its
 * body, and the body has no `Date`; the item made here lets `routingHost` find the headers again.
 */
export async function keepAnswerHeaders(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const answer = fromFullResponse(response);
	const item: INodeExecutionData = { json: answer.body };
	fullAnswers.set(item, answer);
	return [item];
}

/** The credential of each node run, read once: n8n hands every item of one run the same execute data. */
const runCredentials = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The run's credential: read from n8n (its database, decrypted) by the run's first item only, so
 * 5,000 items put one read on the database, not 5,000. A failed read is not kept: each item reports it.
 */
async function credentialsOfRun(
	ctx: IExecutePaginationFunctions,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	const run = ctx.getExecuteData?.();
	if (!run) return await ctx.getCredentials(type);
	const byType =
		runCredentials.get(run) ?? new Map<string, Promise<ICredentialDataDecryptedObject>>();
	runCredentials.set(run, byType);
	let read = byType.get(type);
	if (!read) {
		read = ctx.getCredentials(type);
		byType.set(type, read);
		read.catch(() => byType.delete(type));
	}
	return await read;
}

/** The host of a declarative operation: requests go through n8n's routing, as the engine sends them. */
export async function routingHost(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	service: ApiService,
): Promise<ApiHost> {
	return {
		node: ctx.getNode(),
		itemIndex: ctx.getItemIndex(),
		// Per item: an option may be an expression of the item.
		options: ctx.getNodeParameter('options', {}) as NodeOptions,
		credentials: await credentialsOfRun(
			ctx,
			credentialTypeOf(service, ctx.getNodeParameter('authentication', 0, undefined)),
		),
		service,
		signal: ctx.getExecutionCancelSignal(),
		request: async (request, baseUrl) => {
			// Keep what n8n set for the request (allowed domains, timeout, proxy); the node sets the rest.
			const { allowedDomains, timeout, proxy, skipSslCertificateValidation } = requestData.options;
			const answer = await ctx.makeRoutingRequest({
				...requestData,
				options: {
					allowedDomains,
					timeout,
					proxy,
					skipSslCertificateValidation,
					...request,
					baseURL: baseUrl,
					headers: { Accept: 'application/json', ...request.headers },
					json: true,
				},
			});
			const item = answer[0];
			// Without the postReceive (an n8n that skipped it) the answer is the body alone: no Date to learn from.
			return (item && fullAnswers.get(item)) ?? { body: item?.json ?? {}, headers: {} };
		},
	};
}

/** The host of a trigger poll or a list search: requests go through n8n's authenticated request helper. */
export async function helperHost(
	ctx: IPollFunctions | ILoadOptionsFunctions,
	options: NodeOptions,
	service: ApiService,
): Promise<ApiHost> {
	const credentialType = credentialTypeOf(
		service,
		ctx.getNodeParameter('authentication', undefined),
	);
	return {
		node: ctx.getNode(),
		itemIndex: 0,
		options,
		credentials: await ctx.getCredentials(credentialType),
		service,
		request: async (request, baseUrl) => {
			const options: IHttpRequestOptions = {
				...request,
				url: /^https?:\/\//i.test(request.url) ? request.url : `${baseUrl}${request.url}`,
				headers: { Accept: 'application/json', ...request.headers },
				json: true,
				returnFullResponse: true,
			};
			return fromFullResponse(
				(await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as
					| IN8nHttpFullResponse
					| undefined,
			);
		},
	};
}
