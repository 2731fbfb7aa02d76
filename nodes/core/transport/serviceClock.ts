import { CLOCK_SKEW_MS } from './hostClock';

/** A `Date` header has whole seconds: Defender's time when it answered lies in [Date, Date + 1 s). */
const DATE_RESOLUTION_MS = 1000;
/** Defender's `Date` header and the timestamps in its bodies may come from different servers. */
export const SERVICE_SERVERS_SKEW_MS = 500;
/** Host clocks drift: bounds learned a while ago widen by this much per ms since (100 ppm, ample for a clock without NTP). */
const DRIFT_PER_MS = 1e-4;

/** Defender's clock minus the host's, in ms: between `low` and `high`, as learned at host time `at`. */
export interface OffsetBounds {
	low: number;
	high: number;
	at: number;
}

/** A host instant on Defender's clock: no later than `earliest`'s counterpart; `measured` is false while no `Date` header was read. */
export interface ServiceInstant {
	earliest: number;
	measured: boolean;
}

/**
 * What the node knows of one Defender host's clock, learned as NTP does: an answer stamped `Date`
 * was made between our send and our receipt, so each answer bounds the offset; the bounds of all
 * answers intersect.
 */
export class ServiceClock {
	private bounds?: OffsetBounds;

	/** Reads one answer: sent and received at these host times, with this `Date` header (if any). */
	observe(sentAt: number, receivedAt: number, dateHeader: string | undefined): void {
		const date = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
		if (Number.isNaN(date) || receivedAt < sentAt) return;
		const sample = {
			low: date - receivedAt,
			high: date + DATE_RESOLUTION_MS - sentAt,
			at: receivedAt,
		};
		const current = this.boundsAt(receivedAt);
		const low = Math.max(sample.low, current?.low ?? -Infinity);
		const high = Math.min(sample.high, current?.high ?? Infinity);
		// Bounds that no longer meet mean a clock was set since: only the newest answer still holds.
		this.bounds = low <= high ? { low, high, at: receivedAt } : sample;
	}

	/** The offset bounds as of host time `hostMs`, widened for drift since they were learned. */
	boundsAt(hostMs: number): OffsetBounds | undefined {
		if (!this.bounds) return undefined;
		const drift = Math.abs(hostMs - this.bounds.at) * DRIFT_PER_MS;
		return { low: this.bounds.low - drift, high: this.bounds.high + drift, at: this.bounds.at };
	}

	/** The earliest Defender time host instant `hostMs` can have been; without any `Date` header, the host's time less CLOCK_SKEW_MS. */
	at(hostMs: number): ServiceInstant {
		const bounds = this.boundsAt(hostMs);
		if (!bounds) return { earliest: hostMs - CLOCK_SKEW_MS, measured: false };
		return { earliest: hostMs + bounds.low - SERVICE_SERVERS_SKEW_MS, measured: true };
	}
}

const clocks = new Map<string, ServiceClock>();

const originOf = (apiBaseUrl: string): string => {
	try {
		return new URL(apiBaseUrl).origin;
	} catch {
		return apiBaseUrl;
	}
};

/** The clock of the Defender host at `apiBaseUrl`, shared by every item and execution that talks to it. */
export function serviceClockFor(apiBaseUrl: string): ServiceClock {
	const origin = originOf(apiBaseUrl);
	let clock = clocks.get(origin);
	if (!clock) {
		clock = new ServiceClock();
		clocks.set(origin, clock);
	}
	return clock;
}

/** Forgets every host's clock (tests start each simulator from nothing). */
export function forgetServiceClocks(): void {
	clocks.clear();
}
