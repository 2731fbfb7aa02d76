import type { SimulatedApp } from '../auth/tokenAuthority';
import type { SimulatorClock } from '../clock';
import { HttpProblem } from '../httpProblem';
import { COMMON_STATED_LIMIT, STATED_LIMITS } from './statedLimits';

export interface RateLimit {
	perWindow: number;
	windowMs: number;
	perHour: number;
	hourMs: number;
	retryAfterFormat: 'seconds' | 'date';
}

/** Overrides the number of calls one endpoint class allows; the windows stay those of `rateLimit`. */
export interface EndpointRateLimit {
	perWindow?: number;
	perHour?: number;
}

/** The common limit's windows, with the calls Defender states for most APIs. */
const COMMON_LIMIT: RateLimit = {
	...COMMON_STATED_LIMIT,
	windowMs: 60_000,
	hourMs: 3_600_000,
	retryAfterFormat: 'seconds',
};

interface WindowCounter {
	start: number;
	count: number;
}

/** Per app and API, a minute and an hour window; a call over either limit is refused with 429 and Retry-After. */
export class RateLimiter {
	rateLimited = 0;
	readonly rateLimitedByEndpoint: Record<string, number> = {};
	private readonly windows = new Map<string, { minute: WindowCounter; hour: WindowCounter }>();
	private readonly rateLimit: RateLimit | false;

	constructor(
		rateLimit: Partial<RateLimit> | false | undefined,
		private readonly endpointRateLimits: Record<string, EndpointRateLimit> | undefined,
		private readonly clock: SimulatorClock,
	) {
		this.rateLimit = rateLimit === false ? false : { ...COMMON_LIMIT, ...rateLimit };
	}

	/** The limit one endpoint class enforces, or undefined when it is not limited. */
	private limitFor(endpoint: string): RateLimit | undefined {
		const override = this.endpointRateLimits?.[endpoint];
		if (!this.rateLimit && !override) return undefined;
		const base: RateLimit = this.rateLimit || COMMON_LIMIT;
		const stated = STATED_LIMITS[endpoint];
		return {
			...base,
			perWindow: override?.perWindow ?? stated?.perWindow ?? base.perWindow,
			perHour: override?.perHour ?? stated?.perHour ?? base.perHour,
		};
	}

	countCall(app: SimulatedApp, endpoint: string): void {
		const limit = this.limitFor(endpoint);
		if (!limit) return;
		const now = this.clock.now();
		const key = `${app.tenantId}/${app.clientId}/${endpoint}`;
		const windows = this.windows.get(key) ?? {
			minute: { start: now, count: 0 },
			hour: { start: now, count: 0 },
		};
		this.windows.set(key, windows);
		const check = (window: WindowCounter, size: number, max: number) => {
			if (now - window.start >= size) {
				window.start = now - ((now - window.start) % size);
				window.count = 0;
			}
			if (window.count >= max) return window.start + size - now;
			return undefined;
		};
		const waitMs =
			check(windows.minute, limit.windowMs, limit.perWindow) ??
			check(windows.hour, limit.hourMs, limit.perHour);
		if (waitMs !== undefined) {
			this.rateLimited++;
			this.rateLimitedByEndpoint[endpoint] = (this.rateLimitedByEndpoint[endpoint] ?? 0) + 1;
			const retryAfter =
				limit.retryAfterFormat === 'date'
					? new Date(now + waitMs + 999).toUTCString()
					: String(Math.max(1, Math.ceil(waitMs / 1000)));
			throw new HttpProblem(429, 'TooManyRequests', 'Rate limit is exceeded. Try again later.', {
				'Retry-After': retryAfter,
			});
		}
		windows.minute.count++;
		windows.hour.count++;
	}
}
