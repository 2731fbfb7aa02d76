import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPairedItemData,
	IPollFunctions,
} from 'n8n-workflow';

import type { ApiEndpoint } from './apiEndpoints';
import { credentialSecrets, resolveApiBaseUrl } from './endpoints';
import { buildDefenderError, extractHttpFailure, requestLoopError } from './errors';
import type { FailureContext, HttpFailure } from './errors';
import { CREDENTIAL_TYPE } from './interfaces';
import { DEFAULT_WINDOW_SECONDS, rateBudgetFor, rateLimits } from './rateBudget';
import { DEFAULT_BACKOFF, calculateBackoffDelayMs, parseRetryAfterMs, retryClock } from './retry';
import type { BackoffPolicy } from './retry';

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_TOTAL_WAIT_SECONDS = 300;

/** The node's Options collection; an option the user did not add is absent. */
export interface NodeOptions {
	maxRetries?: number;
	maxTotalWaitSeconds?: number;
	callsPerMinute?: number;
	callsPerHour?: number;
	rateLimitWindowSeconds?: number;
	waitForFinalStatus?: boolean;
	finalStatusTimeoutSeconds?: number;
	pollIntervalSeconds?: number;
}

export interface RetryPolicy {
	maxRetries: number;
	maxTotalWaitMs: number;
	backoff: BackoffPolicy;
	isRetryable: (failure: HttpFailure) => boolean;
	/** May shorten the wait before a retry (the planned one: Retry-After, else the backoff). */
	retryDelay?: (failure: HttpFailure, delayMs: number) => number;
	/** Told about every retry with the delay chosen, before the wait. */
	onRetry?: (failure: HttpFailure, delayMs: number) => void;
	/** Looks before a write is sent again: an answer here ends the retries as if the request had succeeded. */
	beforeResend?: (failure: HttpFailure) => Promise<IDataObject | undefined>;
}

/** What became of a request after its retries: the answer, or the failure it ended with. */
export type SendOutcome<T> =
	| { ok: true; value: T }
	| { ok: false; failure: HttpFailure; retries?: FailureContext['retries'] };

const GATEWAY_STATUSES = [502, 503, 504];

/** The request may or may not have reached Defender: no answer, or a gateway answered for it. */
export const isLostResponse = (failure: HttpFailure): boolean =>
	failure.statusCode === undefined
		? failure.networkCode !== undefined
		: GATEWAY_STATUSES.includes(failure.statusCode);

export const isRateLimited = (failure: HttpFailure): boolean => failure.statusCode === 429;

/** Sending a read twice is harmless: retry rate limits, server errors and lost responses. */
const isRetryableRead = (failure: HttpFailure) =>
	isRateLimited(failure) || isLostResponse(failure) || (failure.statusCode ?? 0) >= 500;

/** A write is resent only where a second one is harmless or will be recognised by its caller. */
const isRetryableWrite = (failure: HttpFailure) => isRateLimited(failure) || isLostResponse(failure);

/** Retries `send` per `policy` and says how it ended; a cancelled execution rejects. */
export async function sendWithRetry<T extends IDataObject>(
	send: () => Promise<T>,
	policy: RetryPolicy,
	signal?: AbortSignal,
): Promise<SendOutcome<T | IDataObject>> {
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		let failure: HttpFailure;
		try {
			return { ok: true, value: await send() };
		} catch (error) {
			failure = extractHttpFailure(error);
		}
		if (!policy.isRetryable(failure)) return { ok: false, failure };
		const retryAfterMs = parseRetryAfterMs(failure.headers['retry-after'], retryClock.now());
		const plannedMs = retryAfterMs ?? calculateBackoffDelayMs(attempt, policy.backoff, retryClock.random);
		const delayMs = policy.retryDelay ? policy.retryDelay(failure, plannedMs) : plannedMs;
		if (attempt >= policy.maxRetries) {
			return { ok: false, failure, retries: { attempts: attempt, waitedMs } };
		}
		if (waitedMs + delayMs > policy.maxTotalWaitMs) {
			return { ok: false, failure, retries: { attempts: attempt, waitedMs, nextWaitMs: delayMs } };
		}
		policy.onRetry?.(failure, delayMs);
		await retryClock.sleep(delayMs, signal);
		waitedMs += delayMs;
		const settled = await policy.beforeResend?.(failure);
		if (settled) return { ok: true, value: settled };
	}
}

/** One Defender request as the node builds it: a path under the API root (or a next-page link). */
export interface RequestOptions {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
}

/** What a failure is about, for its message. */
export type FailureSubject = Pick<FailureContext, 'subject' | 'verb' | 'explanation' | 'details'>;

/** One item's connection to Defender: every request paced by its API's budget, retried, worded. */
export interface DefenderClient {
	readonly node: INode;
	readonly itemIndex: number;
	readonly apiBaseUrl: string;
	readonly options: NodeOptions;
	readonly signal?: AbortSignal;
	readonly paired: IPairedItemData;
	/** Identifies the app registration (token URL and client ID), never a secret. */
	readonly appKey: string;
	send(
		endpoint: ApiEndpoint,
		request: RequestOptions,
		onRetry?: RetryPolicy['onRetry'],
		beforeResend?: RetryPolicy['beforeResend'],
	): Promise<SendOutcome<IDataObject>>;
	/** Sends and returns the answer, or throws the worded error. */
	call(endpoint: ApiEndpoint, request: RequestOptions, about: FailureSubject): Promise<IDataObject>;
	/** The error for a request that ended in `outcome`. */
	failure(endpoint: ApiEndpoint, outcome: Extract<SendOutcome<unknown>, { ok: false }>, about: FailureSubject): Error;
	inputError(message: string, description?: string): Error;
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

export function createDefenderClient(host: DefenderHost): DefenderClient {
	const { node, itemIndex, options, credentials, signal } = host;
	const checkedBaseUrl = resolveApiBaseUrl(credentials);
	if (!checkedBaseUrl.ok) throw requestLoopError(node, checkedBaseUrl.problem, itemIndex);
	const apiBaseUrl = checkedBaseUrl.value;
	const secrets = credentialSecrets(credentials);
	const appKey = `${String(credentials.accessTokenUrl)}|${String(credentials.clientId)}`;
	// The token gate belongs to the app registration; pacing belongs to each API.
	const tokenGate = rateBudgetFor(appKey);
	const tokenStored = Boolean((credentials.oauthTokenData as IDataObject | undefined)?.access_token);
	const windowSeconds = options.rateLimitWindowSeconds ?? DEFAULT_WINDOW_SECONDS;
	const basePolicy = {
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES)),
		maxTotalWaitMs: Math.max(0, (options.maxTotalWaitSeconds ?? DEFAULT_MAX_TOTAL_WAIT_SECONDS) * 1000),
		backoff: DEFAULT_BACKOFF,
	};

	const send: DefenderClient['send'] = async (endpoint, request, onRetry, beforeResend) => {
		const budget = rateBudgetFor(`${appKey}|${endpoint.name}`);
		const limits = rateLimits(
			options.callsPerMinute ?? endpoint.perMinute,
			options.callsPerHour ?? endpoint.perHour,
			windowSeconds,
		);
		const attempt = async () =>
			await tokenGate.withFirstTokenGate(tokenStored, async () => {
				const grantedAt = await budget.acquire(limits, signal);
				let pending: Promise<IDataObject> | undefined;
				try {
					pending = host.request(request, apiBaseUrl);
				} finally {
					// Thrown before it was sent: free its place, or a capped budget would wait for it forever.
					if (pending === undefined) budget.unanswered();
				}
				// Pause the budget before anything else can run, so no waiting call slips out first.
				void pending.then(
					() => budget.accepted(grantedAt, limits),
					(error: unknown) => {
						const failure = extractHttpFailure(error);
						if (failure.statusCode === undefined) return budget.unanswered();
						if (!isRateLimited(failure)) return budget.accepted(grantedAt, limits);
						budget.throttled(limits, grantedAt, parseRetryAfterMs(failure.headers['retry-after'], retryClock.now()));
					},
				);
				return await pending;
			});
		const policy: RetryPolicy = {
			...basePolicy,
			isRetryable: endpoint.retry === 'read' ? isRetryableRead : isRetryableWrite,
			// After a 429 with Retry-After the budget knows when the window restarts, often before the Retry-After ends.
			retryDelay: (failure, delayMs) =>
				isRateLimited(failure) && parseRetryAfterMs(failure.headers['retry-after'], retryClock.now()) !== undefined
					? budget.retryDelay(delayMs)
					: delayMs,
			onRetry: (failure, delayMs) => {
				if (isRateLimited(failure)) budget.pauseFor(delayMs);
				onRetry?.(failure, delayMs);
			},
			beforeResend,
		};
		return await sendWithRetry(attempt, policy, signal);
	};

	const failure: DefenderClient['failure'] = (endpoint, outcome, about) =>
		buildDefenderError(node, outcome.failure, { ...about, endpoint, itemIndex, retries: outcome.retries }, secrets);

	return {
		node,
		itemIndex,
		apiBaseUrl,
		options,
		signal,
		appKey,
		paired: { item: itemIndex },
		send,
		failure,
		call: async (endpoint, request, about) => {
			const outcome = await send(endpoint, request);
			if (outcome.ok) return outcome.value;
			throw failure(endpoint, outcome, about);
		},
		inputError: (message, description) => requestLoopError(node, message, itemIndex, description),
	};
}

/** A link from Defender (a next page) may only take the token back to the credential's own host. */
export function assertSameOrigin(client: DefenderClient, link: string): void {
	let origin: string | undefined;
	try {
		origin = new URL(link).origin;
	} catch {
		origin = undefined;
	}
	const expected = new URL(client.apiBaseUrl).origin;
	if (origin !== expected) {
		throw client.inputError(
			`Refusing to send credentials to an unexpected host: Defender's next page link points to ${JSON.stringify(origin ?? link)}, not ${expected}`,
		);
	}
}

export const withoutODataContext = (json: IDataObject): IDataObject => {
	const entity = { ...json };
	delete entity['@odata.context'];
	return entity;
};
