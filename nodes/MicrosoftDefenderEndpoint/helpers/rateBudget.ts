import { FULL_SHARE, afterThrottle, shareAt } from './adaptiveShare';
import type { AdaptiveShare } from './adaptiveShare';
import { retryClock } from './retry';

/** Calls allowed per window and per hour; 0 means no limit of that kind. */
export interface RateLimits {
	perWindow: number;
	windowMs: number;
	perHour: number;
	hourMs: number;
}

export const DEFAULT_CALLS_PER_MINUTE = 100;
export const DEFAULT_CALLS_PER_HOUR = 1500;
export const DEFAULT_WINDOW_SECONDS = 60;

export function rateLimits(perMinute: number, perHour: number, windowSeconds: number): RateLimits {
	const windowMs = windowSeconds * 1000;
	return { perWindow: perMinute, windowMs, perHour, hourMs: windowMs * 60 };
}

/** Extra wait past a window's edge: the server counts from when calls arrive, not when they left. */
const safetyMarginMs = (windowMs: number) => Math.max(100, Math.round(windowMs * 0.01));

/**
 * The call budget of one app registration (tenant + client), shared by every item and every
 * execution in this process: calls leave in order, no faster than the limits, and a Retry-After
 * from Defender holds back every waiting call, not only the one that got the 429.
 */
export class RateBudget {
	private readonly sentAt: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();
	private tokenGate?: Promise<void>;
	private tokenStored = false;
	private share: AdaptiveShare = FULL_SHARE;

	/** Waits for this call's turn; FIFO, so the first items go first. */
	async acquire(limits: RateLimits, signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(limits, signal));
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** Holds every call of this budget back until `ms` from now (Defender's Retry-After). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, retryClock.now() + ms);
	}

	/** Defender answered 429: if this budget had room left, another process shares the limit, so use less of it. */
	throttled(limits: RateLimits): void {
		const now = retryClock.now();
		const allowed = this.allowed(limits, now).perWindow;
		const used = this.sentAt.filter((at) => at > now - limits.windowMs).length;
		this.share = afterThrottle(this.share, now, limits.windowMs, allowed > 0 && used >= allowed);
	}

	/** The limits this process keeps to now: Defender's, times the share it has learnt it may use. */
	allowed(limits: RateLimits, now: number): RateLimits {
		const share = shareAt(this.share, now, limits.windowMs);
		if (share >= 1) return limits;
		const scale = (count: number) => (count <= 0 ? count : Math.max(1, Math.floor(count * share)));
		return { ...limits, perWindow: scale(limits.perWindow), perHour: scale(limits.perHour) };
	}

	/** When no token is stored yet, the first call goes alone so that n8n fetches one token, not one per item. */
	async withFirstTokenGate<T>(tokenStored: boolean, send: () => Promise<T>): Promise<T> {
		if (tokenStored || this.tokenStored) return await send();
		if (this.tokenGate) {
			await this.tokenGate;
			return await send();
		}
		const attempt = send();
		this.tokenGate = attempt.then(
			() => {
				this.tokenStored = true;
			},
			(error: unknown) => {
				// A Defender answer means the token was fetched and stored; only a failed token request was not.
				this.tokenStored = !isTokenFailure(error);
			},
		);
		void this.tokenGate.then(() => (this.tokenGate = undefined));
		return await attempt;
	}

	private async waitForSlot(limits: RateLimits, signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = retryClock.now();
			const readyAt = Math.max(this.pausedUntil, this.nextFreeAt(this.allowed(limits, now), now));
			if (readyAt <= now) {
				this.sentAt.push(now);
				return;
			}
			await retryClock.sleep(readyAt - now, signal);
		}
	}

	private nextFreeAt(limits: RateLimits, now: number): number {
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - limits.hourMs - safetyMarginMs(limits.hourMs)) {
			this.sentAt.shift();
		}
		const edge = (count: number, windowMs: number) => {
			if (count <= 0) return now;
			const inWindow = this.sentAt.filter((at) => at > now - windowMs - safetyMarginMs(windowMs));
			if (inWindow.length < count) return now;
			return inWindow[inWindow.length - count] + windowMs + safetyMarginMs(windowMs);
		};
		return Math.max(edge(limits.perWindow, limits.windowMs), edge(limits.perHour, limits.hourMs));
	}
}

function isTokenFailure(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /access token/i.test(message);
}

const budgets = new Map<string, RateBudget>();

/** The budget for an app registration; the key names tenant and client, never a secret. */
export function rateBudgetFor(key: string): RateBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = new RateBudget();
		budgets.set(key, budget);
	}
	return budget;
}
