import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/nodeOptions';
import type { NodeOptions } from '../shared/nodeOptions';

/** One Defender request as the node builds it: a path under the API root (or a next-page link). */
export interface RequestOptions {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
}

/** Where a client runs: the node's context, reduced to what the client needs. */
export interface DefenderHost {
	node: INode;
	itemIndex: number;
	options: NodeOptions;
	credentials: ICredentialDataDecryptedObject;
	signal?: AbortSignal;
	/** Sends one request with the credential's token and resolves to the JSON answer. */
	request: (request: RequestOptions, baseUrl: string) => Promise<IDataObject>;
}

/** The host of a declarative operation: requests go through n8n's routing, as the engine sends them. */
export async function routingHost(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<DefenderHost> {
	return {
		node: ctx.getNode(),
		itemIndex: ctx.getItemIndex(),
		options: ctx.getNodeParameter('options', {}) as NodeOptions,
		credentials: await ctx.getCredentials(CREDENTIAL_TYPE),
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
			return answer[0]?.json ?? {};
		},
	};
}

/** The host of a trigger poll or a list search: requests go through n8n's authenticated request helper. */
export async function helperHost(ctx: IPollFunctions | ILoadOptionsFunctions, options: NodeOptions = {}): Promise<DefenderHost> {
	return {
		node: ctx.getNode(),
		itemIndex: 0,
		options,
		credentials: await ctx.getCredentials(CREDENTIAL_TYPE),
		request: async (request, baseUrl) => {
			const options: IHttpRequestOptions = {
				...request,
				url: /^https?:\/\//i.test(request.url) ? request.url : `${baseUrl}${request.url}`,
				headers: { Accept: 'application/json', ...request.headers },
				json: true,
			};
			return ((await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) ?? {}) as IDataObject;
		},
	};
}
