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
import { FINAL_STATUSES, CREDENTIAL_TYPE } from './interfaces';
import type { MachineActionListPage, MachineActionOperation, MachineActionStatus } from './interfaces';
import { assertMachineActionId } from './machineActionId';
import { DEFAULT_BACKOFF, calculateBackoffDelayMs, parseRetryAfterMs, retryClock } from './retry';
import type { BackoffPolicy } from './retry';

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_TOTAL_WAIT_SECONDS = 300;
/** Largest page Defender serves. */
export const MAX_PAGE_SIZE = 10_000;

export interface RetrySettings {
	maxRetries: number;
	maxTotalWaitMs: number;
	backoff: BackoffPolicy;
	/** 5xx and lost responses are retried only where sending twice is harmless. */
	retryServerErrors: boolean;
}

type RetryBudget = Omit<RetrySettings, 'retryServerErrors'>;

interface RequestOptionsCollection {
	maxRetries?: number;
	maxTotalWaitSeconds?: number;
}

export function readRetryBudget(ctx: IExecuteSingleFunctions): RetryBudget {
	const options = ctx.getNodeParameter('options', {}) as RequestOptionsCollection;
	return {
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES)),
		maxTotalWaitMs: Math.max(0, (options.maxTotalWaitSeconds ?? DEFAULT_MAX_TOTAL_WAIT_SECONDS) * 1000),
		backoff: DEFAULT_BACKOFF,
	};
}

function isRetryable(failure: HttpFailure, settings: RetrySettings): boolean {
	if (failure.statusCode === 429) return true;
	if (!settings.retryServerErrors) return false;
	if (failure.statusCode === undefined) return failure.networkCode !== undefined;
	return failure.statusCode >= 500;
}

/** Retries `send` on 429 (and, when allowed, 5xx or a lost response) within the retry budget. */
export async function sendWithRetry<T>(
	send: () => Promise<T>,
	settings: RetrySettings,
	fail: (failure: HttpFailure, retries: FailureContext['retries']) => Promise<Error>,
	signal?: AbortSignal,
): Promise<T> {
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			const failure = extractHttpFailure(error);
			if (!isRetryable(failure, settings)) throw await fail(failure, undefined);
			const retryAfterMs = parseRetryAfterMs(failure.headers['retry-after'], retryClock.now());
			const delayMs = retryAfterMs ?? calculateBackoffDelayMs(attempt, settings.backoff, retryClock.random);
			if (attempt >= settings.maxRetries) {
				throw await fail(failure, { attempts: attempt, waitedMs });
			}
			if (waitedMs + delayMs > settings.maxTotalWaitMs) {
				throw await fail(failure, { attempts: attempt, waitedMs, nextWaitMs: delayMs });
			}
			await retryClock.sleep(delayMs, signal);
			waitedMs += delayMs;
		}
	}
}

const withoutODataContext = (json: IDataObject): IDataObject => {
	const { ['@odata.context']: _context, ...entity } = json;
	return entity;
};

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
 * loop only through `routing.operations.pagination`, so retry and paging both live here.
 */
export async function executeMachineActionRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const operation = this.getNodeParameter('operation') as MachineActionOperation;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	let apiBaseUrl: string;
	try {
		apiBaseUrl = resolveApiBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message, { itemIndex });
	}
	const secrets = credentialSecrets(credentials);
	const budget = readRetryBudget(this);
	const signal = this.getExecutionCancelSignal();
	const machineActionId =
		operation === 'getAll' ? undefined : assertMachineActionId(this.getNodeParameter('machineActionId'));
	const context: FailureContext = { operation, machineActionId, itemIndex };
	const paired = { item: itemIndex };

	const request = async (
		options: DeclarativeRestApiSettings.HttpRequestOptions,
		ctx: FailureContext,
		explain: (failure: HttpFailure, ctx: FailureContext) => Promise<Error> = async (failure, failureCtx) =>
			buildDefenderError(node, failure, failureCtx, secrets),
	): Promise<IDataObject> => {
		const [item] = await sendWithRetry(
			async () =>
				await this.makeRoutingRequest({
					...requestData,
					options: { ...options, baseURL: apiBaseUrl, headers: { ...options.headers } },
				}),
			{ ...budget, retryServerErrors: ctx.operation !== 'cancel' },
			async (failure, retries) => await explain(failure, { ...ctx, retries }),
			signal,
		);
		return item.json;
	};

	if (operation === 'getAll') {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
		const results: INodeExecutionData[] = [];
		let options: DeclarativeRestApiSettings.HttpRequestOptions = {
			...requestData.options,
			qs: { ...requestData.options.qs, $top: Math.min(limit, MAX_PAGE_SIZE) },
		};
		for (;;) {
			const page = (await request(options, context)) as MachineActionListPage;
			for (const action of page.value ?? []) {
				if (results.length >= limit) break;
				results.push({ json: action, pairedItem: paired });
			}
			const next = page['@odata.nextLink'];
			if (!next || results.length >= limit) return results;
			assertSameOrigin(this, next, apiBaseUrl);
			options = { ...requestData.options, url: next, qs: {} };
		}
	}

	const explainRefusedCancel = async (failure: HttpFailure, ctx: FailureContext): Promise<Error> => {
		const status = failure.statusCode ?? 0;
		if (status < 400 || status >= 500 || [401, 403, 404, 429].includes(status)) {
			return buildDefenderError(node, failure, ctx, secrets);
		}
		// Defender does not document what cancelling a finished action returns: look the action up.
		const current = await request(
			{ method: 'GET', url: `/api/machineactions/${machineActionId}`, headers: { Accept: 'application/json' }, json: true },
			{ ...ctx, operation: 'get', retries: undefined },
		).catch(() => undefined);
		const currentStatus = current?.status as MachineActionStatus | undefined;
		const isFinal = currentStatus !== undefined && FINAL_STATUSES.includes(currentStatus);
		return buildDefenderError(node, failure, { ...ctx, currentStatus: isFinal ? currentStatus : undefined }, secrets);
	};

	const entity = await request(
		requestData.options,
		context,
		operation === 'cancel' ? explainRefusedCancel : undefined,
	);
	return [{ json: withoutODataContext(entity), pairedItem: paired }];
}
