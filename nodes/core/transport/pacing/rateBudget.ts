import { hostClock } from '../hostClock';
import { FULL_SHARE, afterAcceptance, afterRefusal, inFlightCap, resumeAt } from './adaptiveShare';
import type { AdaptiveShare } from './adaptiveShare';

/** Calls allowed per window and per hour; 0 means no limit of that kind. */
export interface RateLimits {
	perWindow: number;
	windowMs: number;
	perHour: number;
	hourMs: number;
}

export function rateLimits(perMinute: number, perHour: number, windowSeconds: number): RateLimits {
	const windowMs = windowSeconds * 1000;
	return { perWindow: perMinute, windowMs, perHour, hourMs: windowMs * 60 };
}

/** Extra wait past a window's edge: the server counts from when calls arrive, not when they left. */
const safetyMarginMs = (windowMs: number) => Math.max(100, Math.round(windowMs * 0.01));

/**
 * The call budget of one API for one app registration (tenant + client), shared by every item and every
 * execution in this process: calls leave in order, no faster than the limits, and a 429 from
 * Defender holds back every waiting call, not only the one that got it: until the window restarts
 * (learnt from the Retry-Afters, at most the Retry-After), then with at most 2 calls in flight while
 * other processes seem to share the limit (adaptiveShare.ts).
 */
export class RateBudget {
	private readonly sentAt: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();
	/** What Defender's 429s taught about other processes on the same limit (see adaptiveShare.ts). */
	private share: AdaptiveShare = FULL_SHARE;
	/** When the calls Defender accepted since the last 429 were sent (the last 2 windows of them). */
	private readonly acceptedAt: number[] = [];
	/** Calls let through and not answered yet. */
	private inFlight = 0;
	/** The call at the head of the queue, waiting for one in flight to be answered. */
	private wakeUp?: () => void;

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
	accepted(grantedAt: number, limits?: RateLimits): void {
		this.answered();
		this.acceptedAt.push(grantedAt);
		// A call may reach Defender long after it was let through (n8n fetching a token, a busy event
		// loop), and Defender counts it from its arrival: count it from its answer, which comes later.
		const sent = this.sentAt.lastIndexOf(grantedAt);
		if (sent >= 0) {
			this.sentAt[sent] = Math.max(grantedAt, hostClock.now());
			this.sentAt.sort((a, b) => a - b);
		}
		if (!limits || this.share.contendedAt === undefined) return;
		const since = hostClock.now() - limits.windowMs;
		const inWindow = this.acceptedAt.filter((sent) => sent > since).length;
		this.share = afterAcceptance(this.share, inWindow, limits.perWindow);
	}

	/** A call let through ended without an answer from Defender (lost response, cancelled). */
	unanswered(): void {
		this.answered();
	}

	/** Holds every call of this budget back until `ms` from now (Defender's Retry-After). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, hostClock.now() + ms);
	}

	/**
	 * Defender answered 429 to a call let through at `grantedAt`, with Retry-After `retryAfterMs`
	 * (undefined when it sent none). Holds every call back until the window restarts, learnt from this
	 * and the earlier Retry-Afters (at most the Retry-After), and caps the calls in flight from now on.
	 */
	throttled(limits: RateLimits, grantedAt?: number, retryAfterMs?: number): void {
		this.answered();
		const now = hostClock.now();
		this.acceptedAt.length = 0;
		// A refused call did not count against the window: only the accepted ones hold this budget back.
		const refused = grantedAt === undefined ? -1 : this.sentAt.lastIndexOf(grantedAt);
		if (refused >= 0) this.sentAt.splice(refused, 1);
		if (retryAfterMs === undefined || limits.perWindow <= 0) {
			this.share = { ...this.share, contendedAt: now };
			if (retryAfterMs !== undefined) this.pauseFor(retryAfterMs);
			return;
		}
		const refusal = { sentAt: grantedAt ?? now, answeredAt: now, retryAfterMs };
		this.share = afterRefusal(this.share, refusal, limits.windowMs);
		this.pausedUntil = Math.max(this.pausedUntil, resumeAt(this.share, refusal, limits.windowMs));
	}

	/** How long a retry after a 429 has to wait: until the budget lets calls go again, at most `delayMs`. */
	retryDelay(delayMs: number): number {
		return Math.min(delayMs, Math.max(0, this.pausedUntil - hostClock.now()));
	}

	private answered(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const wake = this.wakeUp;
		this.wakeUp = undefined;
		wake?.();
	}

	private async waitForSlot(limits: RateLimits, signal?: AbortSignal): Promise<number> {
		for (;;) {
			const now = hostClock.now();
			const readyAt = Math.max(this.pausedUntil, this.nextFreeAt(limits, now));
			if (readyAt > now) {
				await hostClock.sleep(readyAt - now, signal);
				continue;
			}
			if (this.inFlight >= inFlightCap(this.share)) {
				await this.callAnswered(signal);
				continue;
			}
			this.inFlight++;
			this.sentAt.push(now);
			return now;
		}
	}

	/** Resolves when a call in flight is answered; rejects when `signal` aborts first. */
	private async callAnswered(signal?: AbortSignal): Promise<void> {
		signal?.throwIfAborted();
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.wakeUp = undefined;
				reject(
					signal?.reason instanceof Error
						? signal.reason
						: new Error('The execution was cancelled'),
				);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.wakeUp = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
		});
	}

	private nextFreeAt(limits: RateLimits, now: number): number {
		while (
			this.sentAt.length > 0 &&
			this.sentAt[0] <= now - limits.hourMs - safetyMarginMs(limits.hourMs)
		) {
			this.sentAt.shift();
		}
		while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= now - 2 * limits.windowMs)
			this.acceptedAt.shift();
		const edge = (count: number, windowMs: number) => {
			if (count <= 0) return now;
			const inWindow = this.sentAt.filter((at) => at > now - windowMs - safetyMarginMs(windowMs));
			if (inWindow.length < count) return now;
			return inWindow[inWindow.length - count] + windowMs + safetyMarginMs(windowMs);
		};
		return Math.max(edge(limits.perWindow, limits.windowMs), edge(limits.perHour, limits.hourMs));
	}
}
