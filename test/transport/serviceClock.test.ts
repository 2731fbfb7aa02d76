import { CLOCK_SKEW_MS } from '../../nodes/core/transport/hostClock';
import {
	SERVICE_SERVERS_SKEW_MS,
	ServiceClock,
	serviceClockFor,
	forgetServiceClocks,
} from '../../nodes/core/transport/serviceClock';

// A whole second on the host's clock; Defender runs 60 s ahead of it in these cases.
const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const date = (ms: number) => new Date(ms).toUTCString();

describe('ServiceClock', () => {
	it("keeps today's rule until a Date header is read: the host's time less CLOCK_SKEW_MS", () => {
		const clock = new ServiceClock();
		clock.observe(T, T + 100, undefined);
		clock.observe(T, T + 100, 'not a date');

		expect(clock.boundsAt(T)).toBeUndefined();
		expect(clock.at(T)).toEqual({ earliest: T - CLOCK_SKEW_MS, measured: false });
	});

	it('bounds the offset by the send and receipt times and the whole-second Date', () => {
		const clock = new ServiceClock();
		// Sent at T+0.2 s, answered by Defender at T+60.3 s (Date: T+60 s), received at T+0.4 s.
		clock.observe(T + 200, T + 400, date(T + 60_300));

		expect(clock.boundsAt(T + 400)).toEqual({ low: 59_600, high: 60_800, at: T + 400 });
		// 0.2 s before the bounds were learned: 0.02 ms of drift.
		expect(clock.at(T + 200)).toEqual({
			earliest: T + 200 + 59_600 - 0.02 - SERVICE_SERVERS_SKEW_MS,
			measured: true,
		});
	});

	it('narrows the bounds with each answer, as NTP does', () => {
		const clock = new ServiceClock();
		clock.observe(T + 200, T + 400, date(T + 60_300));
		clock.observe(T + 5_900, T + 6_100, date(T + 66_000));

		// The first answer's high, widened by 5.7 s of drift (0.57 ms), is still the tighter one.
		expect(clock.boundsAt(T + 6_100)).toEqual({ low: 59_900, high: 60_800.57, at: T + 6_100 });
	});

	it('starts again from the newest answer when the answers no longer agree (a clock was set)', () => {
		const clock = new ServiceClock();
		clock.observe(T + 200, T + 400, date(T + 60_300));
		clock.observe(T + 10_000, T + 10_100, date(T + 5_000));

		expect(clock.boundsAt(T + 10_100)).toEqual({ low: -5_100, high: -4_000, at: T + 10_100 });
	});

	it('widens old bounds for drift, 100 ppm of the time since', () => {
		const clock = new ServiceClock();
		clock.observe(T + 200, T + 400, date(T + 60_300));

		expect(clock.boundsAt(T + 400 + 3_600_000)).toEqual({
			low: 59_600 - 360,
			high: 60_800 + 360,
			at: T + 400,
		});
	});

	it('ignores an answer received before it was sent (the host clock went back)', () => {
		const clock = new ServiceClock();
		clock.observe(T + 400, T + 200, date(T + 60_300));

		expect(clock.boundsAt(T)).toBeUndefined();
	});
});

describe('serviceClockFor', () => {
	afterEach(forgetServiceClocks);

	it('keeps one clock per API origin', () => {
		const global = serviceClockFor('https://api.security.microsoft.com');
		global.observe(T, T + 100, date(T));

		expect(serviceClockFor('https://api.security.microsoft.com/api')).toBe(global);
		expect(serviceClockFor('https://eu.api.security.microsoft.com').boundsAt(T)).toBeUndefined();
		forgetServiceClocks();
		expect(serviceClockFor('https://api.security.microsoft.com').boundsAt(T)).toBeUndefined();
	});
});
