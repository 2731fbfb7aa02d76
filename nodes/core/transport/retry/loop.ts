import type { IDataObject } from 'n8n-workflow';

import { hostClock } from '../hostClock';
import type { HttpFailure } from '../failures/httpFailure';
import type { FailureContext } from '../failures/wording';
import { calculateBackoffDelayMs } from './backoff';
import type { BackoffPolicy } from './backoff';

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

/** One attempt: the answer, or the failure as read from what n8n threw. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: HttpFailure };

/** Retries `attempt` per `policy` and says how it ended; a cancelled execution rejects. */
export async function sendWithRetry<T extends IDataObject>(
	attempt: () => Promise<Attempt<T>>,
	policy: RetryPolicy,
	signal?: AbortSignal,
): Promise<SendOutcome<T | IDataObject>> {
	let waitedMs = 0;
	for (let retries = 0; ; retries++) {
		const result = await attempt();
		if (result.ok) return result;
		const { failure } = result;
		if (!policy.isRetryable(failure)) return { ok: false, failure };
		const plannedMs =
			failure.retryAfterMs ?? calculateBackoffDelayMs(retries, policy.backoff, hostClock.random);
		const delayMs = policy.retryDelay ? policy.retryDelay(failure, plannedMs) : plannedMs;
		if (retries >= policy.maxRetries) {
			return { ok: false, failure, retries: { attempts: retries, waitedMs } };
		}
		if (waitedMs + delayMs > policy.maxTotalWaitMs) {
			return { ok: false, failure, retries: { attempts: retries, waitedMs, nextWaitMs: delayMs } };
		}
		policy.onRetry?.(failure, delayMs);
		await hostClock.sleep(delayMs, signal);
		waitedMs += delayMs;
		const settled = await policy.beforeResend?.(failure);
		if (settled) return { ok: true, value: settled };
	}
}
