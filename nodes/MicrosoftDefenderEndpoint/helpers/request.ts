import { NodeOperationError } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { credentialSecrets, resolveApiBaseUrl } from './endpoints';
import { buildDefenderError, extractHttpFailure } from './errors';
import type { FailureContext, HttpFailure } from './errors';
import { CREDENTIAL_TYPE, FINAL_STATUSES } from './interfaces';
import type { MachineAction, MachineActionListPage, MachineActionOperation, MachineActionStatus } from './interfaces';
import { machineActionIdFromPath } from './hooks';
import {
	DEFAULT_CALLS_PER_HOUR,
	DEFAULT_CALLS_PER_MINUTE,
	DEFAULT_WINDOW_SECONDS,
	rateBudgetFor,
	rateLimits,
} from './rateBudget';
import type { RateBudget, RateLimits } from './rateBudget';
import { DEFAULT_BACKOFF, calculateBackoffDelayMs, parseRetryAfterMs, retryClock } from './retry';
import type { BackoffPolicy } from './retry';

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_TOTAL_WAIT_SECONDS = 300;
export const DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS = 120;
export const DEFAULT_POLL_INTERVAL_SECONDS = 10;
/** Largest page Defender serves. */
export const MAX_PAGE_SIZE = 10_000;

interface NodeOptions {
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
	/** Told about every retry with the delay chosen, before the wait. */
	onRetry?: (failure: HttpFailure, delayMs: number) => void;
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

const isRateLimited = (failure: HttpFailure) => failure.statusCode === 429;

/** Sending a read twice is harmless: retry rate limits, server errors and lost responses. */
const isRetryableRead = (failure: HttpFailure) =>
	isRateLimited(failure) || isLostResponse(failure) || (failure.statusCode ?? 0) >= 500;

/** A cancel is retried only where a second one is harmless or will be recognised (see recovery). */
const isRetryableCancel = (failure: HttpFailure) => isRateLimited(failure) || isLostResponse(failure);

/** Retries `send` per `policy` and says how it ended; a cancelled execution rejects. */
export async function sendWithRetry<T>(
	send: () => Promise<T>,
	policy: RetryPolicy,
	signal?: AbortSignal,
): Promise<SendOutcome<T>> {
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
		const delayMs = retryAfterMs ?? calculateBackoffDelayMs(attempt, policy.backoff, retryClock.random);
		if (attempt >= policy.maxRetries) {
			return { ok: false, failure, retries: { attempts: attempt, waitedMs } };
		}
		if (waitedMs + delayMs > policy.maxTotalWaitMs) {
			return { ok: false, failure, retries: { attempts: attempt, waitedMs, nextWaitMs: delayMs } };
		}
		policy.onRetry?.(failure, delayMs);
		await retryClock.sleep(delayMs, signal);
		waitedMs += delayMs;
	}
}

const withoutODataContext = (json: IDataObject): IDataObject => {
	const entity = { ...json };
	delete entity['@odata.context'];
	return entity;
};

const isFinal = (status: unknown): status is MachineActionStatus =>
	FINAL_STATUSES.includes(status as MachineActionStatus);

/** Defender has been seen to report Cancelled for an action whose command had already completed. */
const commandCompleted = (action: IDataObject): boolean =>
	Array.isArray(action.commands) &&
	(action.commands as IDataObject[]).some((command) => command.commandStatus === 'Completed' && Boolean(command.endTime));

function assertSameOrigin(ctx: IExecuteSingleFunctions, link: string, apiBaseUrl: string): void {
	let origin: string | undefined;
	try {
		origin = new URL(link).origin;
	} catch {
		origin = undefined;
	}
	if (origin !== new URL(apiBaseUrl).origin) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Refusing to send credentials to an unexpected host: Defender's next page link points to ${JSON.stringify(origin ?? link)}, not ${new URL(apiBaseUrl).origin}`,
			{ itemIndex: ctx.getItemIndex() },
		);
	}
}

/**
 * Runs every Defender request of one item. The declarative engine hands a node the request
 * loop only through `routing.operations.pagination`, so pacing, retry and paging live here.
 */
export async function executeMachineActionRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const operation = this.getNodeParameter('operation') as MachineActionOperation;
	const options = this.getNodeParameter('options', {}) as NodeOptions;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const checkedBaseUrl = resolveApiBaseUrl(credentials);
	if (!checkedBaseUrl.ok) throw new NodeOperationError(node, checkedBaseUrl.problem, { itemIndex });
	const apiBaseUrl = checkedBaseUrl.value;
	const secrets = credentialSecrets(credentials);
	const signal = this.getExecutionCancelSignal();
	const machineActionId = machineActionIdFromPath(requestData.options.url);
	const context: FailureContext = { operation, machineActionId, itemIndex };
	const paired = { item: itemIndex };
	const budget: RateBudget = rateBudgetFor(`${String(credentials.accessTokenUrl)}|${String(credentials.clientId)}`);
	const limits: RateLimits = rateLimits(
		options.callsPerMinute ?? DEFAULT_CALLS_PER_MINUTE,
		options.callsPerHour ?? DEFAULT_CALLS_PER_HOUR,
		options.rateLimitWindowSeconds ?? DEFAULT_WINDOW_SECONDS,
	);
	const tokenStored = Boolean((credentials.oauthTokenData as IDataObject | undefined)?.access_token);
	const basePolicy = {
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES)),
		maxTotalWaitMs: Math.max(0, (options.maxTotalWaitSeconds ?? DEFAULT_MAX_TOTAL_WAIT_SECONDS) * 1000),
		backoff: DEFAULT_BACKOFF,
	};

	const send = async (
		requestOptions: DeclarativeRestApiSettings.HttpRequestOptions,
		isRetryable: RetryPolicy['isRetryable'],
		onRetry?: RetryPolicy['onRetry'],
	): Promise<SendOutcome<IDataObject>> => {
		const attempt = async () =>
			await budget.withFirstTokenGate(tokenStored, async () => {
				await budget.acquire(limits, signal);
				const request = this.makeRoutingRequest({
					...requestData,
					options: { ...requestOptions, baseURL: apiBaseUrl, headers: { ...requestOptions.headers } },
				});
				// Pause the budget before anything else can run, so no waiting call slips out first.
				void request.catch((error: unknown) => {
					const failure = extractHttpFailure(error);
					const retryAfterMs = parseRetryAfterMs(failure.headers['retry-after'], retryClock.now());
					if (isRateLimited(failure) && retryAfterMs !== undefined) budget.pauseFor(retryAfterMs);
				});
				return await request;
			});
		const policy: RetryPolicy = {
			...basePolicy,
			isRetryable,
			onRetry: (failure, delayMs) => {
				if (isRateLimited(failure)) budget.pauseFor(delayMs);
				onRetry?.(failure, delayMs);
			},
		};
		const outcome = await sendWithRetry(attempt, policy, signal);
		return outcome.ok ? { ok: true, value: outcome.value[0].json } : outcome;
	};

	const valueOf = (outcome: SendOutcome<IDataObject>, ctx: FailureContext = context): IDataObject => {
		if (outcome.ok) return outcome.value;
		throw buildDefenderError(node, outcome.failure, { ...ctx, retries: outcome.retries }, secrets);
	};

	const getAction = async (id: string): Promise<IDataObject> =>
		valueOf(
			await send(
				{ method: 'GET', url: `/api/machineactions/${id}`, headers: { Accept: 'application/json' }, json: true },
				isRetryableRead,
			),
			{ ...context, operation: 'get' },
		);

	if (operation === 'getAll') {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const results: INodeExecutionData[] = [];
		let pageOptions: DeclarativeRestApiSettings.HttpRequestOptions = {
			...requestData.options,
			qs: { ...requestData.options.qs, $top: Math.min(limit, MAX_PAGE_SIZE) },
		};
		for (;;) {
			const page = valueOf(await send(pageOptions, isRetryableRead)) as MachineActionListPage;
			for (const action of page.value ?? []) {
				if (results.length >= limit) break;
				results.push({ json: action, pairedItem: paired });
			}
			const next = page['@odata.nextLink'];
			if (!next || results.length >= limit) return results;
			assertSameOrigin(this, next, apiBaseUrl);
			pageOptions = { ...requestData.options, url: next, qs: {} };
		}
	}

	if (operation === 'get' || machineActionId === undefined) {
		const entity = valueOf(await send(requestData.options, isRetryableRead));
		return [{ json: withoutODataContext(entity), pairedItem: paired }];
	}

	const comment = (requestData.options.body as { Comment: string }).Comment;
	/** A refused cancel: our own earlier, lost cancel (success), or an action already final (say which). */
	const recoverRefusedCancel = async (failure: HttpFailure, retries: FailureContext['retries']): Promise<IDataObject> => {
		const status = failure.statusCode ?? 0;
		if (status < 400 || status >= 500 || [401, 403, 404, 429].includes(status)) {
			throw buildDefenderError(node, failure, { ...context, retries }, secrets);
		}
		// Defender does not document what cancelling a finished action returns: look the action up.
		const current = await getAction(machineActionId).catch(() => undefined);
		if (responseLost && current?.status === 'Cancelled' && current.cancellationComment === comment) return current;
		const currentStatus = isFinal(current?.status) ? current?.status : undefined;
		throw buildDefenderError(node, failure, { ...context, currentStatus }, secrets);
	};

	let responseLost = false;
	const outcome = await send(requestData.options, isRetryableCancel, (failure) => {
		if (isLostResponse(failure)) responseLost = true;
	});
	const cancelled = outcome.ok ? outcome.value : await recoverRefusedCancel(outcome.failure, outcome.retries);

	if (!options.waitForFinalStatus) {
		return [{ json: withoutODataContext(cancelled), pairedItem: paired }];
	}
	const timeoutMs = (options.finalStatusTimeoutSeconds ?? DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS) * 1000;
	const intervalMs = Math.max(100, (options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000);
	const startedAt = retryClock.now();
	let current: IDataObject = cancelled;
	for (let poll = 0; !isFinal(current.status) && poll < Math.ceil(timeoutMs / intervalMs); poll++) {
		await retryClock.sleep(intervalMs, signal);
		current = await getAction(machineActionId);
	}
	const action = withoutODataContext(current) as MachineAction;
	return [
		{
			json: {
				...action,
				reachedFinalStatus: isFinal(action.status),
				waitedForFinalStatusSeconds: Math.round((retryClock.now() - startedAt) / 100) / 10,
				commandCompletedBeforeCancel: action.status === 'Cancelled' && commandCompleted(action),
			},
			pairedItem: paired,
		},
	];
}
