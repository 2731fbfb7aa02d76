import type { SimulatedApp } from './auth';
import type { SimulatorClock } from './clock';
import { HttpProblem } from './httpProblem';
import { GRAPH_STATED_LIMITS } from './graph/graphRoutes';
import { ENDPOINT_CLASSES } from './routes';

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

/** What Defender states for most APIs: 100 calls a minute and 1500 an hour. */
const COMMON_LIMIT: RateLimit = {
	perWindow: 100,
	windowMs: 60_000,
	perHour: 1500,
	hourMs: 3_600_000,
	retryAfterFormat: 'seconds',
};

/** Limits Defender states for one API that differ from the common 100/min and 1500/h. */
const ENDPOINT_DEFAULT_LIMITS: Record<string, EndpointRateLimit> = {
	getPackageUri: { perWindow: 2, perHour: 120 },
	runLiveResponse: { perWindow: 10, perHour: 600 },
	machineVulnerabilities: { perWindow: 50, perHour: 1500 },
	startInvestigation: { perWindow: 50, perHour: 50 },
	createAlertByReference: { perWindow: 15, perHour: 900 },
	softwareVulnerabilitiesByMachine: { perWindow: 30, perHour: 1000 },
	softwareInventoryByMachine: { perWindow: 30, perHour: 1000 },
	importIndicators: { perWindow: 30, perHour: 1500 },
	batchDeleteIndicators: { perWindow: 30, perHour: 1500 },
	...GRAPH_STATED_LIMITS,
};

/** The limit Defender states for one API (a rate-limit class of SIMULATED_ROUTES), as the simulator enforces it by default. */
export function statedLimit(api: string): { perMinute: number; perHour: number } {
	if (!ENDPOINT_CLASSES.includes(api))
		throw new Error(
			`The simulator serves no API '${api}'; its APIs are ${ENDPOINT_CLASSES.join(', ')}`,
		);
	const stated = ENDPOINT_DEFAULT_LIMITS[api];
	return {
		perMinute: stated?.perWindow ?? COMMON_LIMIT.perWindow,
		perHour: stated?.perHour ?? COMMON_LIMIT.perHour,
	};
}

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
		const stated = ENDPOINT_DEFAULT_LIMITS[endpoint];
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
