import { FULL_SHARE, afterContention, shareAt } from './adaptiveShare';
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
	/** When the calls Defender accepted were sent: the measure of this process's share under contention. */
	private readonly acceptedAt: number[] = [];
	/** A 429 this budget did not cause, waiting to be measured once the burst's answers are in. */
	private contentionAt?: number;

	/** Waits for this call's turn (FIFO, so the first items go first); resolves to the time it was let through. */
	async acquire(limits: RateLimits, signal?: AbortSignal): Promise<number> {
		const turn = this.queue.then(async () => await this.waitForSlot(limits, signal));
		this.queue = turn.then(
			() => undefined,
			() => undefined,
		);
		return await turn;
	}

	/** Defender answered a call let through at `grantedAt` (anything but 429: the call counted against the limit). */
	accepted(grantedAt: number): void {
		this.acceptedAt.push(grantedAt);
	}

	/** Holds every call of this budget back until `ms` from now (Defender's Retry-After). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, retryClock.now() + ms);
	}

	/** Defender answered 429 although this budget kept to the limit: another process shares it. */
	throttled(limits: RateLimits): void {
		if (limits.perWindow > 0) this.contentionAt ??= retryClock.now();
	}

	/** The limits this process keeps to now: Defender's, times the share it has learnt it may use. */
	allowed(limits: RateLimits, now: number): RateLimits {
		const share = shareAt(this.share, now, limits.windowMs);
		if (share >= 1) return limits;
		// Only the window's count: an hourly count cut below what was already sent would stall for the rest of the hour.
		return { ...limits, perWindow: limits.perWindow <= 0 ? limits.perWindow : Math.max(1, Math.floor(limits.perWindow * share)) };
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

	/** Measures the share once the burst that met contention has been answered (its Retry-After is over). */
	private measureContention(limits: RateLimits, now: number): void {
		const at = this.contentionAt;
		if (at === undefined || now < this.pausedUntil) return;
		this.contentionAt = undefined;
		const accepted = this.acceptedAt.filter((sent) => sent > at - limits.windowMs && sent <= at).length;
		this.share = afterContention(this.share, now, limits.windowMs, accepted, limits.perWindow);
	}

	private async waitForSlot(limits: RateLimits, signal?: AbortSignal): Promise<number> {
		for (;;) {
			const now = retryClock.now();
			this.measureContention(limits, now);
			const readyAt = Math.max(this.pausedUntil, this.nextFreeAt(this.allowed(limits, now), now));
			if (readyAt <= now) {
				this.sentAt.push(now);
				return now;
			}
			await retryClock.sleep(readyAt - now, signal);
		}
	}

	private nextFreeAt(limits: RateLimits, now: number): number {
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - limits.hourMs - safetyMarginMs(limits.hourMs)) {
			this.sentAt.shift();
		}
		while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= now - 2 * limits.windowMs) this.acceptedAt.shift();
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
