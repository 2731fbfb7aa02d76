import type { IDataObject, INode, IPairedItemData } from 'n8n-workflow';

import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_MAX_TOTAL_WAIT_SECONDS,
	DEFAULT_WINDOW_SECONDS,
} from './nodeOptions';
import type { NodeOptions } from './nodeOptions';
import type { ApiEndpoint } from './apiEndpoint';
import { hostClock } from './hostClock';
import { credentialSecrets, signInKey } from './credentials';
import { serviceClockFor } from './serviceClock';
import type { ServiceInstant } from './serviceClock';
import { extractHttpFailure } from './failures/httpFailure';
import type { HttpFailure } from './failures/httpFailure';
import { buildApiError, requestLoopError } from './failures/wording';
import type { FailureContext } from './failures/wording';
import type { ApiHost, HostAnswer, RequestOptions } from './apiHost';
import { rateLimits } from './pacing/rateBudget';
import type { RateBudget, RateLimits } from './pacing/rateBudget';
import { rateBudgetFor, tokenGateFor } from './pacing/registry';
import { isTokenFailure } from './pacing/tokenGate';
import { DEFAULT_BACKOFF } from './retry/backoff';
import { isRateLimited, isRetryableRead, isRetryableWrite } from './retry/classify';
import { sendWithRetry } from './retry/loop';
import type { Attempt, RetryPolicy, SendOutcome } from './retry/loop';

/** What a failure is about, for its message. */
export type FailureSubject = Pick<FailureContext, 'subject' | 'verb' | 'explanation' | 'details'>;

/** One item's connection to a service (Defender, Microsoft Graph): every request paced by its API's budget, retried, worded. */
export interface ApiClient {
	readonly node: INode;
	readonly itemIndex: number;
	readonly apiBaseUrl: string;
	readonly options: NodeOptions;
	readonly signal?: AbortSignal;
	readonly paired: IPairedItemData;
	/** Identifies the app registration (token URL and client ID), never a secret. */
	readonly appKey: string;
	/** The app registration's client (application) ID. */
	readonly appId: string;
	send(
		endpoint: ApiEndpoint,
		request: RequestOptions,
		onRetry?: RetryPolicy['onRetry'],
		beforeResend?: RetryPolicy['beforeResend'],
	): Promise<SendOutcome<IDataObject>>;
	/** Sends and returns the answer, or throws the worded error. */
	call(endpoint: ApiEndpoint, request: RequestOptions, about: FailureSubject): Promise<IDataObject>;
	/** The error for a request that ended in `outcome`. */
	failure(
		endpoint: ApiEndpoint,
		outcome: Extract<SendOutcome<unknown>, { ok: false }>,
		about: FailureSubject,
	): Error;
	inputError(message: string, description?: string): Error;
	/** Host instant `hostMs` (from hostClock) on the service's clock, as the Date headers of its answers so far tell it. */
	serviceTime(hostMs: number): ServiceInstant;
}

/** Tells the budget how the service answered a call it let through at `grantedAt`. */
function recordAnswer(
	budget: RateBudget,
	limits: RateLimits,
	grantedAt: number,
	failure?: HttpFailure,
): void {
	if (!failure) return budget.accepted(grantedAt, limits);
	if (failure.statusCode === undefined) return budget.unanswered();
	if (!isRateLimited(failure)) return budget.accepted(grantedAt, limits);
	budget.throttled(limits, grantedAt, failure.retryAfterMs);
}

export function createApiClient(host: ApiHost): ApiClient {
	const { node, itemIndex, options, credentials, signal } = host;
	const { service } = host;
	const checkedBaseUrl = service.resolveBaseUrl(credentials);
	if (!checkedBaseUrl.ok) throw requestLoopError(node, checkedBaseUrl.problem, itemIndex);
	const apiBaseUrl = checkedBaseUrl.value;
	const secrets = credentialSecrets(credentials);
	const appId = String(credentials.clientId ?? credentials.applicationId);
	const appKey = `${service.appKeyPrefix}${signInKey(credentials, service.customEnvironment)}`;
	const clock = serviceClockFor(apiBaseUrl);
	// The token gate belongs to the app registration; pacing belongs to each API.
	const tokenGate = tokenGateFor(appKey);
	const tokenStored = Boolean(
		(credentials.oauthTokenData as IDataObject | undefined)?.access_token ??
			credentials.accessToken,
	);
	const windowSeconds = options.rateLimitWindowSeconds ?? DEFAULT_WINDOW_SECONDS;
	const basePolicy = {
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES)),
		maxTotalWaitMs: Math.max(
			0,
			(options.maxTotalWaitSeconds ?? DEFAULT_MAX_TOTAL_WAIT_SECONDS) * 1000,
		),
		backoff: DEFAULT_BACKOFF,
	};

	const send: ApiClient['send'] = async (endpoint, request, onRetry, beforeResend) => {
		const budget = rateBudgetFor(appKey, endpoint.name);
		const limits = rateLimits(
			options.callsPerMinute ?? endpoint.perMinute,
			options.callsPerHour ?? endpoint.perHour,
			windowSeconds,
		);
		const paced = async (): Promise<Attempt<IDataObject>> => {
			const grantedAt = await budget.acquire(limits, signal);
			const sentAt = hostClock.now();
			let pending: Promise<HostAnswer> | undefined;
			try {
				pending = host.request(request, apiBaseUrl);
			} finally {
				// Thrown before it was sent: free its place, or a capped budget would wait for it forever.
				if (pending === undefined) budget.unanswered();
			}
			// The budget hears the answer first, so no waiting call slips out before a 429 pauses it.
			return await pending.then(
				(answer): Attempt<IDataObject> => {
					recordAnswer(budget, limits, grantedAt);
					clock.observe(sentAt, hostClock.now(), answer.headers.date);
					return { ok: true, value: answer.body };
				},
				(error: unknown): Attempt<IDataObject> => {
					const failure = extractHttpFailure(error);
					recordAnswer(budget, limits, grantedAt, failure);
					clock.observe(sentAt, hostClock.now(), failure.headers.date);
					return { ok: false, failure };
				},
			);
		};
		const attempt = async (): Promise<Attempt<IDataObject>> => {
			try {
				return await tokenGate.withFirstTokenGate(
					tokenStored,
					paced,
					(result) =>
						result.ok ||
						(result.failure.tokenError === undefined && !isTokenFailure(result.failure.message)),
				);
			} catch (error) {
				// Not an answer (the execution was cancelled while the call waited its turn): a failure like any other.
				return { ok: false, failure: extractHttpFailure(error) };
			}
		};
		const policy: RetryPolicy = {
			...basePolicy,
			isRetryable: endpoint.retry === 'read' ? isRetryableRead : isRetryableWrite,
			// After a 429 with Retry-After the budget knows when the window restarts, often before the Retry-After ends.
			retryDelay: (failure, delayMs) =>
				isRateLimited(failure) && failure.retryAfterMs !== undefined
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

	const failure: ApiClient['failure'] = (endpoint, outcome, about) =>
		buildApiError(
			node,
			outcome.failure,
			{ ...about, endpoint, itemIndex, retries: outcome.retries },
			secrets,
		);

	return {
		node,
		itemIndex,
		apiBaseUrl,
		options,
		signal,
		appKey,
		appId,
		paired: { item: itemIndex },
		send,
		failure,
		call: async (endpoint, request, about) => {
			const outcome = await send(endpoint, request);
			if (outcome.ok) return outcome.value;
			throw failure(endpoint, outcome, about);
		},
		inputError: (message, description) => requestLoopError(node, message, itemIndex, description),
		serviceTime: (hostMs) => clock.at(hostMs),
	};
}
