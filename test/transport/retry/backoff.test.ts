import { sleepUnlessCancelled } from '../../../nodes/core/transport/hostClock';
import {
	calculateBackoffDelayMs,
	parseRetryAfterMs,
} from '../../../nodes/core/transport/retry/backoff';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('parseRetryAfterMs', () => {
	it.each([
		['delay seconds', '7', 7000],
		['zero', '0', 0],
		['padded seconds', ' 30 ', 30_000],
		['fractional seconds', '1.5', 1500],
		['an HTTP date 12 s ahead', new Date(now + 12_000).toUTCString(), 12_000],
		['an HTTP date in the past', new Date(now - 60_000).toUTCString(), 0],
	])('reads %s', (_label, header, expected) => {
		expect(parseRetryAfterMs(header, now)).toBe(expected);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['negative', '-5'],
		['garbage', 'soon'],
		['a bare number with units', '10s'],
	])('treats a %s header as not given', (_label, header) => {
		expect(parseRetryAfterMs(header, now)).toBeUndefined();
	});
});

describe('calculateBackoffDelayMs', () => {
	const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };

	it('doubles per attempt within the jitter band [half, full]', () => {
		for (let attempt = 0; attempt < 3; attempt++) {
			const full = 1000 * 2 ** attempt;
			expect(calculateBackoffDelayMs(attempt, policy, () => 0)).toBe(full / 2);
			expect(calculateBackoffDelayMs(attempt, policy, () => 0.999999)).toBe(full);
		}
	});

	it('never exceeds the maximum delay, however many attempts', () => {
		expect(calculateBackoffDelayMs(30, policy, () => 0.999999)).toBe(8000);
		expect(calculateBackoffDelayMs(30, policy, () => 0)).toBe(4000);
	});

	it('spreads delays out with real randomness', () => {
		const delays = new Set(Array.from({ length: 20 }, () => calculateBackoffDelayMs(3, policy)));
		expect(delays.size).toBeGreaterThan(1);
	});
});

describe('sleepUnlessCancelled', () => {
	it('rejects at once when the signal aborts mid-wait', async () => {
		const controller = new AbortController();
		const waiting = sleepUnlessCancelled(60_000, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow();
	});

	it('rejects without waiting when already aborted', async () => {
		await expect(sleepUnlessCancelled(60_000, AbortSignal.abort())).rejects.toThrow();
	});

	it('resolves after the delay when nothing aborts', async () => {
		const started = process.hrtime.bigint();
		await sleepUnlessCancelled(20, new AbortController().signal);
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(19);
	});
});
