import {
	FULL_SHARE,
	MIN_SHARE,
	afterContention,
	shareAt,
} from '../../nodes/MicrosoftDefenderEndpoint/helpers/adaptiveShare';
import { RateBudget, rateLimits } from '../../nodes/MicrosoftDefenderEndpoint/helpers/rateBudget';

const WINDOW = 60_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const round = (share: number) => Math.round(share * 1000) / 1000;

describe('adaptive share of the limit', () => {
	it('uses the whole limit while Defender never refused a call it kept to', () => {
		expect([0, WINDOW, 100 * WINDOW].map((t) => shareAt(FULL_SHARE, T0 + t, WINDOW))).toEqual([1, 1, 1]);
	});

	it.each([
		[2, 50, 0.5],
		[4, 25, 0.25],
		[3, 33, 0.33],
	])('with %i processes bursting together, falls to what Defender accepted from this one (%i of 100)', (_processes, accepted, share) => {
		const state = afterContention(FULL_SHARE, T0, WINDOW, accepted, 100);

		expect(shareAt(state, T0, WINDOW)).toBe(share);
	});

	it('then grows back by 0.1 per window cubed, to the whole limit', () => {
		const state = afterContention(FULL_SHARE, T0, WINDOW, 50, 100);

		const curve = [0, 0.5, 1, 1.5, 1.7, 2].map((windows) => round(shareAt(state, T0 + windows * WINDOW, WINDOW)));

		// 0.5 + 0.1 t^3: a tenth of the limit more after one window, the whole limit after about 1.7.
		expect(curve).toEqual([0.5, 0.513, 0.6, 0.838, 0.991, 1]);
	});

	it('measures once per window, however many 429s a burst brings', () => {
		const first = afterContention(FULL_SHARE, T0, WINDOW, 50, 100);

		const sameWindow = afterContention(first, T0 + WINDOW - 1, WINDOW, 10, 100);
		const nextWindow = afterContention(first, T0 + WINDOW, WINDOW, 48, 100);

		expect(sameWindow).toBe(first);
		expect(shareAt(nextWindow, T0 + WINDOW, WINDOW)).toBe(0.48);
	});

	it('never rises at a measurement: the share is at most what it was allowed', () => {
		const half = afterContention(FULL_SHARE, T0, WINDOW, 50, 100);

		const after = afterContention(half, T0 + WINDOW, WINDOW, 90, 100);

		expect(shareAt(after, T0 + WINDOW, WINDOW)).toBeCloseTo(0.6, 6);
	});

	it('halves its share when Defender accepted none of its calls, so it has nothing to measure', () => {
		const halved = afterContention(FULL_SHARE, T0, WINDOW, 0, 100);
		const again = afterContention(halved, T0 + WINDOW, WINDOW, 0, 100);

		expect(shareAt(halved, T0, WINDOW)).toBe(0.5);
		expect(shareAt(again, T0 + WINDOW, WINDOW)).toBeCloseTo(0.6 / 2, 6);
	});

	it('keeps a minimum share, so a worker that got almost nothing through still progresses', () => {
		expect(shareAt(afterContention(FULL_SHARE, T0, WINDOW, 1, 100), T0, WINDOW)).toBe(MIN_SHARE);
	});

	it('does nothing when pacing is off', () => {
		expect(afterContention(FULL_SHARE, T0, WINDOW, 10, 0)).toBe(FULL_SHARE);
	});
});

describe('RateBudget with an adaptive share', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	async function grant(budget: RateBudget, count: number, limits: ReturnType<typeof rateLimits>): Promise<number[]> {
		const times: number[] = [];
		const all = Promise.all(
			Array.from({ length: count }, async () => {
				times.push((await budget.acquire(limits)) - T0);
			}),
		);
		await jest.runAllTimersAsync();
		await all;
		return times;
	}

	it('after contention, lets through in each window only the share Defender accepted from it', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(100, 100_000, 60);
		const burst = await grant(budget, 100, limits);
		// Another worker burst at the same moment: Defender took 40 of these and refused the rest.
		burst.slice(0, 40).forEach((at) => budget.accepted(T0 + at));
		budget.throttled(limits);
		budget.pauseFor(60_000);

		const next = await grant(budget, 100, limits);

		expect(next.filter((t) => t < 120_000)).toHaveLength(40);
		expect(Math.min(...next)).toBeGreaterThanOrEqual(60_000);
	});

	it('alone, keeps the whole limit: the burst is all accepted and no 429 comes', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(100, 100_000, 60);

		const times = await grant(budget, 200, limits);

		expect(times.filter((t) => t < 60_000)).toHaveLength(100);
		expect(times.filter((t) => t >= 60_000 && t < 120_000)).toHaveLength(100);
	});
});

describe('RateBudget under contention across an hour', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	it('keeps the hourly count whole, so a small share never stalls behind calls already sent this hour', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(100, 150, 6);
		const first = await Promise.all(Array.from({ length: 100 }, async () => await budget.acquire(limits)));
		first.forEach((at) => budget.accepted(at));
		await jest.advanceTimersByTimeAsync(6_100);
		const second = await Promise.all(Array.from({ length: 6 }, async () => await budget.acquire(limits)));
		// Another worker took the window: Defender accepted 5 of these 6.
		second.slice(0, 5).forEach((at) => budget.accepted(at));
		budget.throttled(limits);
		budget.pauseFor(1000);
		const next = budget.acquire(limits);
		await jest.advanceTimersByTimeAsync(20_000);

		expect((await next) - T0).toBeLessThan(20_000);
		expect(budget.allowed(limits, Date.now()).perHour).toBe(150);
	});
});
