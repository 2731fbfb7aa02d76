/**
 * How a process paces its calls once Defender shows it is not alone on a limit. n8n gives community
 * nodes no shared store, so queue-mode workers cannot count each other's calls; a 429 although
 * this process kept to the limit is the only sign of the others. The design chooses throughput
 * over fairness: every process keeps the whole limit (so the limit is never idle once the others
 * are done) and bursts at a window's start; what changes after such a 429 is how the burst goes out
 * and when it starts again:
 *
 * - at most CONTENDED_IN_FLIGHT calls in flight, so the window filling up (by whoever's calls)
 *   costs this process at most that many 429s; a process alone has no cap and bursts as before;
 * - the next burst starts when Defender's window restarts, learnt from the Retry-After answers:
 *   they count whole seconds, so each one places the restart within a second, and as windows repeat
 *   every `windowMs` the places learnt in earlier windows narrow it down. Waiting out each
 *   Retry-After instead would start every window up to a second late (a sixth of a 6 s window),
 *   and later each time, since the window fills later each time.
 *
 * A window in which Defender accepted a whole limit's worth of this process's calls, with no 429,
 * means it is alone again: the cap goes; the learnt restart stays for the next contention.
 * Pure: every time comes in as an argument.
 */

/** Calls in flight once contention was seen: a window that fills costs at most this many 429s. */
export const CONTENDED_IN_FLIGHT = 2;
/** Retry-After counts whole seconds (or an HTTP date, also to the second). */
export const RETRY_AFTER_RESOLUTION_MS = 1000;

export interface AdaptiveShare {
	/** When the last 429 this process did not cause was answered; undefined while it looks alone. */
	contendedAt?: number;
	/** One restart of Defender's window lies in (resetAfter, resetBy]; restarts repeat every window. */
	resetAfter?: number;
	resetBy?: number;
}

export const FULL_SHARE: AdaptiveShare = {};

/** A 429 answer: when its call left, when the answer came, and its Retry-After in ms from then. */
export interface Refusal {
	sentAt: number;
	answeredAt: number;
	retryAfterMs: number;
}

/** Calls this process may have in flight: no cap while alone. */
export function inFlightCap(state: AdaptiveShare): number {
	return state.contendedAt === undefined ? Number.POSITIVE_INFINITY : CONTENDED_IN_FLIGHT;
}

/** The restart bounds moved by whole windows so that `resetBy` is the one nearest `near`. */
function projected(
	state: AdaptiveShare,
	near: number,
	windowMs: number,
): { after: number; by: number } | undefined {
	if (state.resetAfter === undefined || state.resetBy === undefined) return undefined;
	const windows = Math.round((near - state.resetBy) / windowMs);
	return { after: state.resetAfter + windows * windowMs, by: state.resetBy + windows * windowMs };
}

/**
 * The state after a 429. A Retry-After longer than the window (the hourly limit) says nothing
 * about the window's restarts and leaves them as they were.
 */
export function afterRefusal(
	state: AdaptiveShare,
	refusal: Refusal,
	windowMs: number,
): AdaptiveShare {
	const contended = { ...state, contendedAt: refusal.answeredAt };
	if (windowMs <= 0 || refusal.retryAfterMs > windowMs) return contended;
	// The call reached Defender between sentAt and answeredAt; the restart is Retry-After after that, rounded up to the second.
	const by = refusal.answeredAt + refusal.retryAfterMs;
	const after = refusal.sentAt + refusal.retryAfterMs - RETRY_AFTER_RESOLUTION_MS;
	const earlier = projected(state, by, windowMs);
	if (earlier) {
		const narrowed = { after: Math.max(after, earlier.after), by: Math.min(by, earlier.by) };
		// Bounds that no longer overlap mean the windows moved (or are not what the node was told): start over.
		if (narrowed.after < narrowed.by)
			return { ...contended, resetAfter: narrowed.after, resetBy: narrowed.by };
	}
	return { ...contended, resetAfter: after, resetBy: by };
}

/**
 * When calls may go again after `refusal` (already folded into `state`): at the latest bound of the
 * window's restart, which the restart cannot be later than, and never later than its Retry-After.
 */
export function resumeAt(state: AdaptiveShare, refusal: Refusal, windowMs: number): number {
	const waitedOut = refusal.answeredAt + refusal.retryAfterMs;
	if (windowMs <= 0 || refusal.retryAfterMs > windowMs) return waitedOut;
	const restart = projected(state, waitedOut, windowMs);
	if (!restart) return waitedOut;
	return Math.min(waitedOut, Math.max(refusal.answeredAt, restart.by));
}

/**
 * The state after Defender accepted a call. `acceptedInWindow`: this process's calls accepted in
 * the last window and since its last 429; a whole `limit` of them means it is alone again.
 */
export function afterAcceptance(
	state: AdaptiveShare,
	acceptedInWindow: number,
	limit: number,
): AdaptiveShare {
	if (state.contendedAt === undefined || limit <= 0 || acceptedInWindow < limit) return state;
	return { resetAfter: state.resetAfter, resetBy: state.resetBy };
}
