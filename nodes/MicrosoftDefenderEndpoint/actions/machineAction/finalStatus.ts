import type { IDataObject } from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { FINAL_STATUSES } from '../../shared/enums';
import type { MachineActionStatus } from '../../shared/enums';
import {
	DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
} from '../../../core/transport/nodeOptions';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { literal, withoutODataContext } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import { ACTION_WAIT, waitEndedReason } from './waitReason';
import type { WaitSubject } from './waitReason';

/** Ids per list call: keeps the URL well under what proxies accept. */
const IDS_PER_POLL = 50;

export const isFinal = (status: unknown): status is MachineActionStatus =>
	FINAL_STATUSES.includes(status as MachineActionStatus);

/** Defender has been seen to report Cancelled for an action whose command had already completed. */
const commandCompleted = (action: IDataObject): boolean =>
	Array.isArray(action.commands) &&
	(action.commands as IDataObject[]).some(
		(command) => command.commandStatus === 'Completed' && Boolean(command.endTime),
	);

type PollActions = (ids: string[]) => Promise<IDataObject[]>;

interface Waiter {
	id: string;
	latest: IDataObject;
	startedAt: number;
	timeoutMs: number;
	intervalMs: number;
	poll: PollActions;
	signal?: AbortSignal;
	/** Why the last poll failed, if it did: reported with the result, never thrown, since the action exists. */
	pollError?: string;
	done: (action: IDataObject) => void;
	fail: (error: unknown) => void;
}

export interface WaitResult {
	action: IDataObject;
	pollError?: string;
}

/**
 * Waits for device actions to become final. All the actions an app registration's items are
 * waiting for are checked together, with one filtered list call per round, not one Get each.
 */
export class FinalStatusWatcher {
	private readonly waiters = new Set<Waiter>();
	private running = false;

	async waitFor(
		action: IDataObject,
		options: { timeoutMs: number; intervalMs: number; poll: PollActions; signal?: AbortSignal },
	): Promise<WaitResult> {
		if (isFinal(action.status) || options.timeoutMs <= 0) return { action };
		if (options.signal?.aborted)
			throw options.signal.reason ?? new Error('The execution was cancelled');
		return await new Promise<WaitResult>((resolve, reject) => {
			const waiter: Waiter = {
				id: String(action.id),
				latest: action,
				startedAt: hostClock.now(),
				...options,
				done: (latest) => {
					this.waiters.delete(waiter);
					options.signal?.removeEventListener('abort', onAbort);
					resolve({
						action: latest,
						pollError: isFinal(latest.status) ? undefined : waiter.pollError,
					});
				},
				fail: (error) => {
					this.waiters.delete(waiter);
					options.signal?.removeEventListener('abort', onAbort);
					reject(error);
				},
			};
			const onAbort = () =>
				waiter.fail(options.signal?.reason ?? new Error('The execution was cancelled'));
			options.signal?.addEventListener('abort', onAbort, { once: true });
			this.waiters.add(waiter);
			if (!this.running) void this.run();
		});
	}

	private async run(): Promise<void> {
		this.running = true;
		try {
			while (this.waiters.size > 0) {
				await hostClock.sleep(Math.min(...[...this.waiters].map((waiter) => waiter.intervalMs)));
				await this.pollRound([...this.waiters]);
			}
		} finally {
			this.running = false;
		}
	}

	private async pollRound(round: Waiter[]): Promise<void> {
		for (let start = 0; start < round.length; start += IDS_PER_POLL) {
			const chunk = round
				.slice(start, start + IDS_PER_POLL)
				.filter((waiter) => this.waiters.has(waiter));
			if (chunk.length === 0) continue;
			// Any live waiter's connection will do: they share the app registration and its budget.
			const poller = chunk.find((waiter) => !waiter.signal?.aborted) ?? chunk[0];
			try {
				const found = await poller.poll([...new Set(chunk.map((waiter) => waiter.id))]);
				const byId = new Map(found.map((action) => [String(action.id).toLowerCase(), action]));
				for (const waiter of chunk) {
					waiter.latest = byId.get(waiter.id.toLowerCase()) ?? waiter.latest;
					waiter.pollError = undefined;
				}
			} catch (error) {
				// One item's failed poll ends nobody's wait: each waiter ends by its own timeout or abort.
				for (const waiter of chunk)
					waiter.pollError = error instanceof Error ? error.message : String(error);
			}
		}
		const now = hostClock.now();
		for (const waiter of round) {
			if (!this.waiters.has(waiter)) continue;
			if (isFinal(waiter.latest.status) || now - waiter.startedAt >= waiter.timeoutMs)
				waiter.done(waiter.latest);
		}
	}
}

const watchers = new Map<string, FinalStatusWatcher>();

function watcherFor(appKey: string): FinalStatusWatcher {
	let watcher = watchers.get(appKey);
	if (!watcher) {
		watcher = new FinalStatusWatcher();
		watchers.set(appKey, watcher);
	}
	return watcher;
}

/** Lists the given actions by id, through the list API's budget. */
export const pollActionsThrough =
	(client: ApiClient): PollActions =>
	async (ids) =>
		await listPages(
			client,
			API_ENDPOINTS.listActions,
			{
				method: 'GET',
				url: '/api/machineactions',
				qs: { $filter: `id in (${ids.map(literal).join(',')})` },
			},
			ids.length,
			{ subject: 'the status of the device actions being waited for', verb: 'read' },
		);

/** What an operation waits by default when the user has not added the wait options. */
export interface WaitDefaults {
	waitForFinalStatus: boolean;
	finalStatusTimeoutSeconds: number;
}

const LAUNCH_WAIT_DEFAULTS: WaitDefaults = {
	waitForFinalStatus: false,
	finalStatusTimeoutSeconds: DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS,
};

/** Waits up to `timeoutMs` for one action to become final, polled with the others this app waits for. */
export async function waitForAction(
	client: ApiClient,
	action: IDataObject,
	timeoutMs: number,
): Promise<WaitResult> {
	return await watcherFor(client.appKey).waitFor(action, {
		timeoutMs,
		intervalMs: Math.max(
			100,
			(client.options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000,
		),
		poll: pollActionsThrough(client),
		signal: client.signal,
	});
}

/** The item's Final Status Timeout in ms: the option, else the operation's default. */
export const finalStatusTimeoutMs = (
	client: ApiClient,
	defaults: WaitDefaults = LAUNCH_WAIT_DEFAULTS,
): number =>
	(client.options.finalStatusTimeoutSeconds ?? defaults.finalStatusTimeoutSeconds) * 1000;

/**
 * Waits (when the Wait for Final Status option is on) and adds what the wait found to the action;
 * `spentMs` of the timeout went on something else first (a busy device's other session).
 * A wait that ends without a final status says why in `waitEndedReason`.
 */
export async function withFinalStatus(
	client: ApiClient,
	action: IDataObject,
	defaults: WaitDefaults = LAUNCH_WAIT_DEFAULTS,
	subject: WaitSubject = ACTION_WAIT,
	spentMs = 0,
): Promise<IDataObject> {
	const entity = withoutODataContext(action);
	if (!(client.options.waitForFinalStatus ?? defaults.waitForFinalStatus)) return entity;
	const startedAt = hostClock.now();
	const { action: final, pollError } = await waitForAction(
		client,
		entity,
		Math.max(0, finalStatusTimeoutMs(client, defaults) - spentMs),
	);
	const waitedMs = hostClock.now() - startedAt;
	const reachedFinalStatus = isFinal(final.status);
	return {
		...final,
		reachedFinalStatus,
		waitedForFinalStatusSeconds: Math.round(waitedMs / 100) / 10,
		commandCompletedBeforeCancel: final.status === 'Cancelled' && commandCompleted(final),
		...(pollError ? { finalStatusError: pollError } : {}),
		...(reachedFinalStatus
			? {}
			: { waitEndedReason: waitEndedReason(final, waitedMs, subject, pollError) }),
	};
}
