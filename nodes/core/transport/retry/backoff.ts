export interface BackoffPolicy {
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000 };

/**
 * Reads a Retry-After header: delay-seconds or an HTTP-date. A date in the past means 0;
 * anything unreadable means "not given" (undefined), so the caller falls back to backoff.
 */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
	if (header === undefined) return undefined;
	const value = header.trim();
	if (value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	if (!/[a-z]/i.test(value)) return undefined;
	const dateMs = Date.parse(value);
	if (Number.isNaN(dateMs)) return undefined;
	return Math.max(0, dateMs - nowMs);
}

/** Exponential backoff for retry `attempt` (0-based), clamped, with jitter over its upper half. */
export function calculateBackoffDelayMs(
	attempt: number,
	policy: BackoffPolicy,
	random: () => number = Math.random,
): number {
	const exponential = policy.baseDelayMs * 2 ** attempt;
	const clamped = Math.min(policy.maxDelayMs, exponential);
	return Math.round(clamped / 2 + random() * (clamped / 2));
}
