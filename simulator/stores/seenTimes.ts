const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Anything that tells the time in epoch milliseconds: the simulator's clock, or Date. */
export interface TimeSource {
	now(): number;
}

/** Device i was onboarded this long before it was seeded, one day later per index (cycling every 240). */
const ONBOARDED_BEFORE_MS = 301 * DAY_MS + 3 * HOUR_MS;
/** An Inactive device stopped reporting more than 7 days before it was seeded (Defender's rule), one hour earlier per index. */
const INACTIVE_SINCE_MS = 8 * DAY_MS;

const iso = (ms: number) => new Date(ms).toISOString();

/** When device `index`, seeded at `seededAt`, was first seen: always months before, so the 30-day rules hold. */
export const firstSeenOf = (index: number, seededAt: number): string =>
	iso(seededAt - ONBOARDED_BEFORE_MS + (index % 240) * DAY_MS);

/** The fixed last-seen time of an Inactive seeded device. */
export const inactiveLastSeenOf = (index: number, seededAt: number): string =>
	iso(seededAt - INACTIVE_SINCE_MS - index * HOUR_MS);

/**
 * An Active seeded device keeps reporting: its `lastSeen` reads `index` minutes before the clock's
 * now (on the whole minute, so two reads a moment apart agree), whatever day the simulator runs, so
 * Find by IP at "now" finds it. Assigning `lastSeen` (a test, or an override) pins the value from then on.
 */
export function keepReporting(
	machine: { lastSeen: string },
	index: number,
	clock: TimeSource,
): void {
	Object.defineProperty(machine, 'lastSeen', {
		enumerable: true,
		configurable: true,
		get: () => iso(Math.floor(clock.now() / MINUTE_MS) * MINUTE_MS - index * MINUTE_MS),
		set: (value: string) =>
			Object.defineProperty(machine, 'lastSeen', {
				value,
				enumerable: true,
				configurable: true,
				writable: true,
			}),
	});
}
