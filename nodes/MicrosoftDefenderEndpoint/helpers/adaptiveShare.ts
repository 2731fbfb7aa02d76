/**
 * How much of Defender's limit this process may use, learnt from Defender's answers. n8n gives
 * community nodes no shared store, so queue-mode workers cannot count each other's calls. When
 * Defender answers 429 although this process kept to the limit, the others took the rest: the
 * share falls to what Defender accepted from this process in that window (its measured share of
 * the limit; half its share when none got through), then grows back slowly along a cubic curve
 * while calls succeed, probing for room the way AWS SDKs' adaptive retry mode and CUBIC do. A
 * process alone never sees such a 429 and keeps the whole limit.
 */

/** Growth of the share in shares per window cubed: +10 % after one window, +80 % after two. Slower growth left the limit idle once the other workers were done (see bench/README.md). */
export const SHARE_GROWTH = 0.1;
/** Never below this: a worker always makes some progress. */
export const MIN_SHARE = 0.05;

export interface AdaptiveShare {
	/** The share measured at the last contention; 1 when there was none. */
	measured: number;
	/** When it was measured, in ms; undefined while alone. */
	since?: number;
}

export const FULL_SHARE: AdaptiveShare = { measured: 1 };

/** The share allowed at `now`: the measured share plus the cubic probe since, at most 1. */
export function shareAt(state: AdaptiveShare, now: number, windowMs: number): number {
	if (state.since === undefined) return 1;
	const windows = Math.max(0, now - state.since) / windowMs;
	return Math.min(1, state.measured + SHARE_GROWTH * windows ** 3);
}

/**
 * The state after Defender refused calls for the limit although this process kept to it.
 * `accepted`: this process's calls Defender accepted in the window before the refusal; `limit`:
 * the calls the window allows. One measurement per window: a burst's many 429s are one contention.
 */
export function afterContention(
	state: AdaptiveShare,
	now: number,
	windowMs: number,
	accepted: number,
	limit: number,
): AdaptiveShare {
	if (limit <= 0) return state;
	if (state.since !== undefined && now - state.since < windowMs) return state;
	const current = shareAt(state, now, windowMs);
	// Nothing accepted measures nothing: halve instead, as a multiplicative decrease would.
	const measured = accepted > 0 ? Math.min(current, accepted / limit) : current / 2;
	return { measured: Math.max(MIN_SHARE, measured), since: now };
}
