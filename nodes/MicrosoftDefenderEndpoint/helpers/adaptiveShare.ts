/**
 * How much of Defender's limit this process may use, learnt from Defender's answers. n8n gives
 * community nodes no shared store, so queue-mode workers cannot count each other's calls: a 429
 * that this process's own budget did not expect means another process uses the same limit. The
 * share then falls (multiplicative decrease) and grows back along a CUBIC curve while calls
 * succeed, as AWS SDKs' adaptive retry mode does with its client-side token bucket.
 */

/** The share kept after a cut: CUBIC's beta. */
export const SHARE_DECREASE = 0.7;
/** CUBIC's C in shares per window cubed: back at the share before the cut after about three windows. */
export const SHARE_GROWTH = 0.015;
/** Never below this: a worker always makes some progress. */
export const MIN_SHARE = 0.05;

export interface AdaptiveShare {
	/** The share before the last cut (CUBIC's W_max); 1 when there was none. */
	shareBeforeCut: number;
	/** When the share was last cut, in ms; undefined while alone. */
	cutAt?: number;
}

export const FULL_SHARE: AdaptiveShare = { shareBeforeCut: 1 };

/** The share allowed at `now`: the CUBIC curve since the last cut, between MIN_SHARE and 1. */
export function shareAt(state: AdaptiveShare, now: number, windowMs: number): number {
	if (state.cutAt === undefined) return 1;
	const windows = Math.max(0, now - state.cutAt) / windowMs;
	const plateauAfter = Math.cbrt((state.shareBeforeCut * (1 - SHARE_DECREASE)) / SHARE_GROWTH);
	const share = SHARE_GROWTH * (windows - plateauAfter) ** 3 + state.shareBeforeCut;
	return Math.min(1, Math.max(MIN_SHARE, share));
}

/**
 * The state after Defender answered 429 at `now`. `expected`: this process had itself used up what
 * it was allowed, so the 429 says nothing about others. One cut per window: a burst's many 429s are
 * one sign of contention, not many.
 */
export function afterThrottle(state: AdaptiveShare, now: number, windowMs: number, expected: boolean): AdaptiveShare {
	if (expected) return state;
	if (state.cutAt !== undefined && now - state.cutAt < windowMs) return state;
	return { shareBeforeCut: shareAt(state, now, windowMs), cutAt: now };
}
