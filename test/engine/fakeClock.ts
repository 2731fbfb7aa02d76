import { hostClock } from '../../nodes/core/transport/hostClock';

/**
 * Replaces the node's clock with a fake one: each wait is recorded and moves the fake time on at
 * once. Give the same `now` to the simulator so both sides count windows in the same time.
 */
export function useFakeNodeClock(start = Date.UTC(2026, 10, 27, 12, 0, 0)): {
	now: () => number;
	waits: number[];
} {
	let fakeNow = start;
	const waits: number[] = [];
	jest.spyOn(hostClock, 'now').mockImplementation(() => fakeNow);
	jest.spyOn(hostClock, 'sleep').mockImplementation(async (ms: number) => {
		waits.push(ms);
		fakeNow += ms;
	});
	return { now: () => fakeNow, waits };
}
