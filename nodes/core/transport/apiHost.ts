import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INode,
} from 'n8n-workflow';

import type { ApiService } from './apiService';
import type { NodeOptions } from './nodeOptions';

/** One request as the node builds it: a path under the API root (or a next-page link). */
export interface RequestOptions {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	/** JSON, or the bytes of a multipart form (a library upload) with its Content-Type header. */
	body?: IDataObject | Buffer;
	headers?: Record<string, string>;
}

/** A successful answer: its JSON body and its headers (lower-case names), of which the client reads `Date`. */
export interface HostAnswer {
	body: IDataObject;
	headers: Record<string, string>;
}

/** Where a client runs: the node's context, reduced to what the client needs. */
export interface ApiHost {
	node: INode;
	itemIndex: number;
	options: NodeOptions;
	credentials: ICredentialDataDecryptedObject;
	/** The service the client talks to, as the node passes it. */
	service: ApiService;
	signal?: AbortSignal;
	/** Sends one request with the credential's token and resolves to the JSON answer with its headers. */
	request: (request: RequestOptions, baseUrl: string) => Promise<HostAnswer>;
}
