import {
	CONTENDED_IN_FLIGHT,
	FULL_SHARE,
	afterAcceptance,
	afterRefusal,
	inFlightCap,
	resumeAt,
} from '../../../nodes/core/transport/pacing/adaptiveShare';
import type { AdaptiveShare, Refusal } from '../../../nodes/core/transport/pacing/adaptiveShare';
import { RateBudget, rateLimits } from '../../../nodes/core/transport/pacing/rateBudget';

const WINDOW = 6000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** Defender's answer to a call reaching it at `at` (ms after T0) while its window, restarting at T0 + k·WINDOW, is full. */
function refusalAt(at: number, latencyMs = 5): Refusal {
	const untilRestart = WINDOW - (at % WINDOW);
	return {
		sentAt: T0 + at - latencyMs,
		answeredAt: T0 + at + latencyMs,
		retryAfterMs: Math.ceil(untilRestart / 1000) * 1000,
	};
}

/** Folds a refusal in and says when calls go again, in ms after T0. */
function refuse(state: AdaptiveShare, refusal: Refusal): { state: AdaptiveShare; resume: number } {
	const next = afterRefusal(state, refusal, WINDOW);
	return { state: next, resume: resumeAt(next, refusal, WINDOW) - T0 };
}

describe('adaptive pacing after contention (pure, fake clock)', () => {
	it('alone: no cap on the calls in flight, so a burst goes out at once', () => {
		expect(inFlightCap(FULL_SHARE)).toBe(Number.POSITIVE_INFINITY);
	});

	it('after a 429 it did not cause: at most 2 calls in flight, and the first time it waits out the Retry-After', () => {
		const { state, resume } = refuse(FULL_SHARE, refusalAt(300));

		expect(inFlightCap(state)).toBe(CONTENDED_IN_FLIGHT);
		expect(CONTENDED_IN_FLIGHT).toBe(2);
		// Retry-After 6 s (5.7 s rounded up to the second): the restart at 6000 lies in (5295, 6305].
		expect(resume).toBe(6305);
		expect([state.resetAfter! - T0, state.resetBy! - T0]).toEqual([5295, 6305]);
	});

	it('starts each later window at the restart it learnt, where Retry-After alone would start later each window', () => {
		// The window fills 80 ms after the burst starts; every burst starts where the last refusal said.
		let state = FULL_SHARE;
		let start = 0;
		const starts: number[] = [];
		const naive: number[] = [];
		let naiveStart = 0;
		for (let window = 0; window < 5; window++) {
			const refused = refuse(state, refusalAt(start + 80));
			state = refused.state;
			start = refused.resume;
			starts.push(start);
			const waitedOut = refusalAt(naiveStart + 80);
			naiveStart = waitedOut.answeredAt + waitedOut.retryAfterMs - T0;
			naive.push(naiveStart);
		}

		// Each restart (6000, 12000, ...) is found 85 ms late at most: the first refusal's offset, not a growing one.
		expect(starts).toEqual([6085, 12085, 18085, 24085, 30085]);
		expect(naive).toEqual([6085, 12170, 18255, 24340, 30425]);
	});

	it('narrows the restart with every refusal: one just before a restart places it within a few ms', () => {
		const first = refuse(FULL_SHARE, refusalAt(300)).state;

		// A call reaching Defender 40 ms before the restart: Retry-After 1 s.
		const { state, resume } = refuse(first, refusalAt(5960));

		expect([state.resetAfter! - T0, state.resetBy! - T0]).toEqual([5955, 6305]);
		expect(resume).toBe(6305);
		const later = refuse(state, refusalAt(6050));
		// (11045, 12055] from this one, (11955, 12305] from before: the restart at 12000 within 100 ms.
		expect([later.state.resetAfter! - T0, later.state.resetBy! - T0]).toEqual([11955, 12055]);
		expect(later.resume).toBe(12055);
	});

	it('never resumes later than the Retry-After, nor before the answer came', () => {
		const learnt = refuse(FULL_SHARE, refusalAt(10)).state;
		const refusal = refusalAt(5990);

		const { resume } = refuse(learnt, refusal);

		expect(resume).toBeGreaterThanOrEqual(refusal.answeredAt - T0);
		expect(resume).toBeLessThanOrEqual(refusal.answeredAt + refusal.retryAfterMs - T0);
	});

	it('starts over when the bounds no longer meet: the windows are not where it learnt them', () => {
		const learnt = refuse(FULL_SHARE, refusalAt(300)).state;
		// Restarts moved to 3000 + k·6000: a refusal at 6500 with Retry-After 3 s.
		const moved: Refusal = { sentAt: T0 + 6495, answeredAt: T0 + 6505, retryAfterMs: 3000 };

		const { state, resume } = refuse(learnt, moved);

		expect([state.resetAfter! - T0, state.resetBy! - T0]).toEqual([8495, 9505]);
		expect(resume).toBe(9505);
	});

	it('waits out a Retry-After longer than the window (the hourly limit) and keeps what it learnt of the window', () => {
		const learnt = refuse(FULL_SHARE, refusalAt(300)).state;
		const hourly: Refusal = { sentAt: T0 + 7000, answeredAt: T0 + 7005, retryAfterMs: 1_800_000 };

		const { state, resume } = refuse(learnt, hourly);

		expect(resume).toBe(7005 + 1_800_000);
		expect([state.resetAfter, state.resetBy]).toEqual([learnt.resetAfter, learnt.resetBy]);
	});

	it('is alone again (no cap) once Defender accepted a whole limit of its calls within a window', () => {
		const contended = refuse(FULL_SHARE, refusalAt(300)).state;

		expect(inFlightCap(afterAcceptance(contended, 99, 100))).toBe(CONTENDED_IN_FLIGHT);
		const alone = afterAcceptance(contended, 100, 100);
		expect(inFlightCap(alone)).toBe(Number.POSITIVE_INFINITY);
		expect([alone.resetAfter, alone.resetBy]).toEqual([contended.resetAfter, contended.resetBy]);
		expect(afterAcceptance(FULL_SHARE, 100, 100)).toBe(FULL_SHARE);
		expect(afterAcceptance(contended, 5, 0)).toBe(contended);
	});
});

describe('RateBudget with adaptive pacing', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	const limits = rateLimits(100, 100_000, 6);

	it('alone: the whole burst goes out at once, and keeps doing so while every call is accepted', async () => {
		const budget = new RateBudget();

		const granted = await Promise.all(
			Array.from({ length: 100 }, async () => await budget.acquire(limits)),
		);
		granted.forEach((at) => budget.accepted(at, limits));

		expect(granted.every((at) => at === T0)).toBe(true);
	});

	it('after a 429: holds the rest until the restart, then lets 2 calls at a time go', async () => {
		const budget = new RateBudget();
		const first = await Promise.all(
			Array.from({ length: 50 }, async () => await budget.acquire(limits)),
		);
		await jest.advanceTimersByTimeAsync(300);
		first.slice(0, 48).forEach((at) => budget.accepted(at, limits));
		// The window filled: the last 2 of the burst were refused, Retry-After 6 s.
		budget.throttled(limits, first[48], 6000);
		budget.throttled(limits, first[49], 6000);

		const granted: number[] = [];
		const waiting = Array.from({ length: 5 }, async () =>
			granted.push((await budget.acquire(limits)) - T0),
		);
		await jest.advanceTimersByTimeAsync(5999);
		expect(granted).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		// Retry-After 6 s from 300 ms: the restart is at most 6300, and no call goes before it.
		expect(granted).toEqual([6300, 6300]);

		budget.accepted(T0 + granted[0], limits);
		await jest.advanceTimersByTimeAsync(0);
		expect(granted).toEqual([6300, 6300, 6300]);
		budget.accepted(T0 + granted[1], limits);
		budget.accepted(T0 + granted[2], limits);
		await jest.advanceTimersByTimeAsync(0);
		await Promise.all(waiting);
		expect(granted).toHaveLength(5);
	});

	it('a retry after a 429 waits only until the learnt restart, not the whole Retry-After', async () => {
		const budget = new RateBudget();
		const [early] = await Promise.all([budget.acquire(limits)]);
		await jest.advanceTimersByTimeAsync(300);
		budget.throttled(limits, early, 6000);
		await jest.advanceTimersByTimeAsync(6000);
		const late = await budget.acquire(limits);
		await jest.advanceTimersByTimeAsync(50);
		// Retry-After 6 s again, 50 ms after the restart at 6300: the restart it learnt is 12300, not 12350.
		budget.throttled(limits, late, 6000);

		expect(budget.retryDelay(6000)).toBe(12_300 - (Date.now() - T0));
	});
});

describe('RateBudget waiting for a call in flight', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	it('drops a cancelled waiter, and the one behind it goes when a call is answered', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(100, 100_000, 6);
		const refused = await budget.acquire(limits);
		budget.throttled(limits, refused, 1000);
		await jest.advanceTimersByTimeAsync(1000);
		const inFlight = await Promise.all([budget.acquire(limits), budget.acquire(limits)]);
		const cancelled = new AbortController();

		const waiting = budget.acquire(limits, cancelled.signal);
		const behind = budget.acquire(limits);
		cancelled.abort();

		await expect(waiting).rejects.toThrow();
		budget.accepted(inFlight[0], limits);
		await jest.advanceTimersByTimeAsync(0);
		expect((await behind) - T0).toBe(1000);
	});
});
