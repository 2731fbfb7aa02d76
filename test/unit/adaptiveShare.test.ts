import {
	FULL_SHARE,
	MIN_SHARE,
	SHARE_DECREASE,
	afterThrottle,
	shareAt,
} from '../../nodes/MicrosoftDefenderEndpoint/helpers/adaptiveShare';
import { RateBudget, rateLimits } from '../../nodes/MicrosoftDefenderEndpoint/helpers/rateBudget';

const WINDOW = 60_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const round = (share: number) => Math.round(share * 1000) / 1000;

describe('adaptive share of the limit', () => {
	it('uses the whole limit while no unexpected 429 came', () => {
		expect([0, WINDOW, 100 * WINDOW].map((t) => shareAt(FULL_SHARE, T0 + t, WINDOW))).toEqual([1, 1, 1]);
	});

	it('cuts to 70 % on an unexpected 429, then grows back along a cubic curve to the share it had', () => {
		const cut = afterThrottle(FULL_SHARE, T0, WINDOW, false);

		const curve = [0, 0.5, 1, 2, 2.5, 2.714, 3.5].map((windows) => round(shareAt(cut, T0 + windows * WINDOW, WINDOW)));

		// 0.015 (t - cbrt(20))^3 + 1: fast at first, flat as it nears the old share.
		expect(curve).toEqual([0.7, 0.837, 0.924, 0.995, 1, 1, 1]);
	});

	it('lingers near the share before the cut (the plateau) and probes above it only slowly', () => {
		const half = { shareBeforeCut: 0.5, cutAt: T0 };
		const plateau = Math.cbrt((0.5 * (1 - SHARE_DECREASE)) / 0.015);

		const around = [-0.5, 0, 0.5, 1, 2].map((offset) => round(shareAt(half, T0 + (plateau + offset) * WINDOW, WINDOW)));

		expect(around).toEqual([0.498, 0.5, 0.502, 0.515, 0.62]);
	});

	it('takes one cut per window however many 429s a burst brings', () => {
		const first = afterThrottle(FULL_SHARE, T0, WINDOW, false);
		const sameBurst = [1, 50, 59_999].reduce((state, ms) => afterThrottle(state, T0 + ms, WINDOW, false), first);
		const nextWindow = afterThrottle(sameBurst, T0 + WINDOW, WINDOW, false);

		expect(shareAt(sameBurst, T0, WINDOW)).toBeCloseTo(0.7);
		expect(sameBurst).toEqual(first);
		// A window after the first cut the share had grown to 0.015 (1 - cbrt(20))^3 + 1; the new cut takes 70 % of that.
		expect(shareAt(nextWindow, T0 + WINDOW, WINDOW)).toBeCloseTo((0.015 * (1 - Math.cbrt(20)) ** 3 + 1) * 0.7, 6);
	});

	it('ignores a 429 that its own budget expected (it had used all it was allowed)', () => {
		expect(afterThrottle(FULL_SHARE, T0, WINDOW, true)).toBe(FULL_SHARE);
	});

	it('never goes below the minimum share, so a worker always progresses', () => {
		const low = afterThrottle({ shareBeforeCut: 0.06, cutAt: T0 - WINDOW }, T0, WINDOW, false);

		expect(shareAt(low, T0, WINDOW)).toBe(MIN_SHARE);
	});

	it('under a 429 every window, falls and stays low, above the minimum', () => {
		const shares: number[] = [];
		let state = FULL_SHARE;
		for (let window = 0; window < 30; window++) {
			state = afterThrottle(state, T0 + window * WINDOW, WINDOW, false);
			shares.push(shareAt(state, T0 + window * WINDOW, WINDOW));
		}

		expect(shares.every((share, index) => index === 0 || share < shares[index - 1] || share - shares[index - 1] < 1e-9)).toBe(true);
		expect(shares[29]).toBeGreaterThan(MIN_SHARE);
		expect(shares[29]).toBeLessThan(0.25);
	});
});

describe('RateBudget with an adaptive share', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	async function grantTimes(budget: RateBudget, count: number, limits = rateLimits(100, 1500, 60)): Promise<number[]> {
		const times: number[] = [];
		const all = Promise.all(
			Array.from({ length: count }, async () => {
				await budget.acquire(limits);
				times.push(Date.now() - T0);
			}),
		);
		await jest.runAllTimersAsync();
		await all;
		return times;
	}

	it('after an unexpected 429, lets through only its share of the limit in the next window', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(100, 1500, 60);
		await grantTimes(budget, 10, limits);
		budget.throttled(limits);

		const times = await grantTimes(budget, 100, limits);

		expect(budget.allowed(limits, Date.now()).perWindow).toBeGreaterThan(70);
		expect(times.filter((t) => t < 60_000)).toHaveLength(70 - 10);
	});

	it('keeps its full share after a 429 it caused itself', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(10, 1500, 60);
		await grantTimes(budget, 10, limits);

		budget.throttled(limits);

		expect(budget.allowed(limits, Date.now()).perWindow).toBe(10);
	});
});
