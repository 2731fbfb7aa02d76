import { RateBudget, rateLimits } from '../../../nodes/core/transport/pacing/rateBudget';
import { FirstTokenGate } from '../../../nodes/core/transport/pacing/tokenGate';

const start = Date.UTC(2026, 10, 27, 12, 0, 0);

// Jest's fake clock drives Date.now and setTimeout, which the budget's real waits use.
beforeEach(() => jest.useFakeTimers({ now: start }));
afterEach(() => jest.useRealTimers());

/** When each of `count` calls, all asking at once, was let through (ms after the start). */
async function grantTimes(
	budget: RateBudget,
	count: number,
	limits = rateLimits(100, 1500, 60),
): Promise<number[]> {
	const times: number[] = [];
	const all = Promise.all(
		Array.from({ length: count }, async () => {
			await budget.acquire(limits);
			times.push(Date.now() - start);
		}),
	);
	await jest.runAllTimersAsync();
	await all;
	return times;
}

describe('RateBudget', () => {
	it('lets 100 calls through per minute and holds the rest for the next window, in order', async () => {
		const times = await grantTimes(new RateBudget(), 250);

		expect(times.slice(0, 100).every((t) => t === 0)).toBe(true);
		expect(times[100]).toBeGreaterThanOrEqual(60_000);
		expect(times[100]).toBeLessThanOrEqual(60_000 * 1.02);
		expect(times[199]).toBeLessThan(120_000);
		expect(times[200]).toBeGreaterThanOrEqual(120_000);
		expect(times[249]).toBeLessThanOrEqual(120_000 * 1.05);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		for (let index = 100; index < times.length; index++) {
			expect(times[index] - times[index - 100]).toBeGreaterThanOrEqual(60_000);
		}
	});

	it('keeps to the hourly limit too', async () => {
		const times = await grantTimes(new RateBudget(), 31, rateLimits(10, 30, 60));

		expect(times[30]).toBeGreaterThanOrEqual(3_600_000);
		expect(times[29]).toBeLessThan(3_600_000);
	});

	it('holds every waiting call back until a Retry-After has passed', async () => {
		const budget = new RateBudget();
		await grantTimes(budget, 3);
		budget.pauseFor(7000);

		const times = await grantTimes(budget, 5);

		expect(times.every((t) => t >= 7000)).toBe(true);
	});

	it('does not shorten a longer pause when a shorter Retry-After comes in', async () => {
		const budget = new RateBudget();
		budget.pauseFor(30_000);
		budget.pauseFor(1000);

		const [time] = await grantTimes(budget, 1);
		expect(time).toBeGreaterThanOrEqual(30_000);
	});

	it('does no pacing when both limits are 0', async () => {
		const times = await grantTimes(new RateBudget(), 500, rateLimits(0, 0, 60));
		expect(times.every((t) => t === 0)).toBe(true);
	});

	it('drops a cancelled waiter without stopping the ones behind it', async () => {
		jest.useRealTimers();
		const budget = new RateBudget();
		const limits = rateLimits(1, 0, 0.2);
		await budget.acquire(limits);
		const cancelled = new AbortController();

		const waiting = budget.acquire(limits, cancelled.signal);
		const behind = budget.acquire(limits);
		cancelled.abort();

		await expect(waiting).rejects.toThrow();
		expect(await behind).toBeGreaterThanOrEqual(Date.now() - 1000);
	});

	it('lets the first call without a token go alone, then the rest together', async () => {
		jest.useRealTimers();
		const budget = new FirstTokenGate();
		const order: string[] = [];
		let releaseFirst: () => void = () => {};
		const first = budget.withFirstTokenGate(false, async () => {
			order.push('first sent');
			await new Promise<void>((resolve) => (releaseFirst = resolve));
			order.push('first answered');
		});
		const others = [1, 2].map(
			async (n) =>
				await budget.withFirstTokenGate(false, async () => void order.push(`call ${n} sent`)),
		);

		await new Promise((resolve) => setImmediate(resolve));
		expect(order).toEqual(['first sent']);
		releaseFirst();
		await Promise.all([first, ...others]);

		expect(order).toEqual(['first sent', 'first answered', 'call 1 sent', 'call 2 sent']);
	});
});

describe('RateBudget and a call that went alone', () => {
	beforeEach(() => jest.useFakeTimers({ now: start }));
	afterEach(() => jest.useRealTimers());

	it('counts it from its answer: fetching the token may have held it back, and Defender counts from its arrival', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(3, 0, 6);
		const first = await budget.acquire(limits);
		// n8n fetched a token first: the answer comes 400 ms later.
		await jest.advanceTimersByTimeAsync(400);
		budget.accepted(first, limits);
		const burst = await Promise.all([budget.acquire(limits), budget.acquire(limits)]);
		burst.forEach((at) => budget.accepted(at, limits));

		const next = budget.acquire(limits);
		await jest.runAllTimersAsync();

		// Not 6 s + margin after the first call was let through, but after it was answered.
		expect((await next) - start).toBeGreaterThanOrEqual(6400);
		expect(burst.map((at) => at - start)).toEqual([400, 400]);
	});

	it('counts calls sent together from their answers too: a busy process may have held them back', async () => {
		const budget = new RateBudget();
		const limits = rateLimits(2, 0, 6);
		const pair = await Promise.all([budget.acquire(limits), budget.acquire(limits)]);
		// Both reach Defender late: their answers come 300 and 500 ms after they were let through.
		await jest.advanceTimersByTimeAsync(300);
		budget.accepted(pair[1], limits);
		await jest.advanceTimersByTimeAsync(200);
		budget.accepted(pair[0], limits);

		const next = budget.acquire(limits);
		await jest.runAllTimersAsync();

		expect(pair.map((at) => at - start)).toEqual([0, 0]);
		// Two calls a window: the third waits a window (and the margin) after the earlier answer, at 300 ms.
		expect((await next) - start).toBe(300 + 6000 + 100);
	});
});
