import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { ApiClient } from '../transport/apiClient';
import { sleepUnlessCancelled } from '../transport/hostClock';

/**
 * Cross-item batching for a declarative node.
 *
 * n8n's RoutingNode runs an operation's handler once per input item, all items at once (it starts
 * every item, then awaits them with Promise.allSettled). An API that takes many entries per call
 * (indicator import, batch delete, tags) is then called once per batch instead of once per item:
 * each item's handler hands its entry to an `ItemBatcher` and awaits its own result.
 *
 * API (stable; other operations reuse it):
 * - `new ItemBatcher({ size, send, idleMs? })`: one per operation, kept at module level.
 *   `send(entries)` makes one call for up to `size` entries (in item order) and returns one result
 *   per entry, in the same order. If it throws, every entry of that batch fails with that error.
 * - `batcher.join(run, { itemIndex, signal?, prepare })`: `prepare()` reads and checks the item's
 *   input; if it throws, the item leaves the run (the others do not wait for it) and the error is
 *   rethrown. Otherwise the entry waits for its batch and `join` resolves with its own result.
 * - `batchRunOf(ctx)`: the run an item belongs to (one node run: n8n's execute data of the run,
 *   and the number of input items).
 *
 * A batch is sent when it holds `size` entries, when every item of the run has joined or left, or
 * when no item has joined for `idleMs` (an item n8n never handed over, such as one that failed
 * before the handler under Continue On Fail). An aborted item leaves its batch and rejects at once.
 */

/** The items of one node run: `key` is the same for all of them, `expected` is their number. */
export interface BatchRun {
	key: object | string;
	expected: number;
}

export interface BatchEntry<T> {
	itemIndex: number;
	input: T;
}

export interface ItemBatcherOptions<T, R> {
	/** The most entries one call takes. */
	size: number;
	/** One call for the entries given; one result per entry, in their order. */
	send: (entries: Array<BatchEntry<T>>) => Promise<R[]>;
	/** Send what has gathered when no item has joined for this long. */
	idleMs?: number;
}

interface Waiting<T, R> extends BatchEntry<T> {
	resolve: (result: R) => void;
	reject: (error: unknown) => void;
	settled: boolean;
}

interface RunState<T, R> {
	expected: number;
	/** Items that joined or left. */
	arrived: number;
	pending: Array<Waiting<T, R>>;
	/** Cancels the idle flush when the next item joins. */
	idle?: AbortController;
}

const DEFAULT_IDLE_MS = 1000;

const abortReason = (signal: AbortSignal): unknown =>
	signal.reason ?? new Error('The execution was cancelled');

/** The run an item belongs to: n8n hands every item of one node run the same execute data. */
export function batchRunOf(ctx: IExecuteSingleFunctions): BatchRun {
	const executeData = ctx.getExecuteData();
	const items = executeData?.data?.main?.[0];
	// Execute Once hands the node only the first item, but leaves the execute data whole.
	if (executeData && Array.isArray(items))
		return { key: executeData, expected: ctx.getNode().executeOnce === true ? 1 : items.length };
	// Without execute data (never seen in n8n): the execution and node name, and the idle flush.
	return {
		key: `${ctx.getExecutionId()}|${ctx.getNode().name}`,
		expected: Number.MAX_SAFE_INTEGER,
	};
}

export class ItemBatcher<T, R> {
	private readonly runs = new Map<object | string, RunState<T, R>>();
	private readonly idleMs: number;

	constructor(private readonly options: ItemBatcherOptions<T, R>) {
		if (!(options.size >= 1)) throw new Error('A batch holds at least one entry');
		this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
	}

	async join(
		run: BatchRun,
		item: { itemIndex: number; signal?: AbortSignal; prepare: () => T | Promise<T> },
	): Promise<R> {
		const state = this.stateOf(run);
		let input: T;
		let joined = false;
		try {
			if (item.signal?.aborted) throw abortReason(item.signal);
			input = await item.prepare();
			if (item.signal?.aborted) throw abortReason(item.signal);
			joined = true;
		} finally {
			// A refused or cancelled item leaves the run, so the others do not wait for it.
			if (!joined) this.arrive(run.key, state);
		}
		return await new Promise<R>((resolve, reject) => {
			const onAbort = () => {
				if (waiting.settled) return;
				const at = state.pending.indexOf(waiting);
				if (at >= 0) state.pending.splice(at, 1);
				waiting.reject(abortReason(item.signal as AbortSignal));
			};
			const waiting: Waiting<T, R> = {
				itemIndex: item.itemIndex,
				input,
				settled: false,
				resolve: (result) => {
					if (waiting.settled) return;
					waiting.settled = true;
					item.signal?.removeEventListener('abort', onAbort);
					resolve(result);
				},
				reject: (error) => {
					if (waiting.settled) return;
					waiting.settled = true;
					item.signal?.removeEventListener('abort', onAbort);
					reject(error);
				},
			};
			item.signal?.addEventListener('abort', onAbort, { once: true });
			state.pending.push(waiting);
			this.arrive(run.key, state);
		});
	}

	private stateOf(run: BatchRun): RunState<T, R> {
		let state = this.runs.get(run.key);
		if (!state) {
			state = { expected: Math.max(1, run.expected), arrived: 0, pending: [] };
			this.runs.set(run.key, state);
		}
		return state;
	}

	/** An item joined or left: send what is full, or everything once the run is complete. */
	private arrive(key: object | string, state: RunState<T, R>): void {
		state.arrived++;
		while (state.pending.length >= this.options.size)
			this.flush(state.pending.splice(0, this.options.size));
		state.idle?.abort();
		state.idle = undefined;
		if (state.arrived >= state.expected) {
			this.runs.delete(key);
			this.flush(state.pending.splice(0));
			return;
		}
		const idle = new AbortController();
		state.idle = idle;
		sleepUnlessCancelled(this.idleMs, idle.signal).then(
			() => {
				// Items that arrive later start a new state and wait for their own idle flush.
				this.runs.delete(key);
				this.flush(state.pending.splice(0));
			},
			() => undefined,
		);
	}

	private flush(batch: Array<Waiting<T, R>>): void {
		// Items reach their handlers in any order; a batch goes out in item order, so calls are reproducible.
		const live = batch
			.filter((waiting) => !waiting.settled)
			.sort((a, b) => a.itemIndex - b.itemIndex);
		if (live.length === 0) return;
		void this.options.send(live.map(({ itemIndex, input }) => ({ itemIndex, input }))).then(
			(results) => {
				if (results.length !== live.length) {
					const error = new Error(
						`A batch of ${live.length} entries came back with ${results.length} results`,
					);
					for (const waiting of live) waiting.reject(error);
					return;
				}
				live.forEach((waiting, at) => waiting.resolve(results[at]));
			},
			(error: unknown) => {
				for (const waiting of live) waiting.reject(error);
			},
		);
	}
}

/** The client a batch sends with: the first of its items' clients whose execution is not cancelled. */
export function batchClient<T extends { client: ApiClient }>(
	entries: Array<BatchEntry<T>>,
): ApiClient {
	return (
		entries.find((entry) => !entry.input.client.signal?.aborted)?.input.client ??
		entries[0].input.client
	);
}

/** A batch's entries grouped by `keyOf` (one call per group), in the order each group first appears. */
export function groupEntries<T>(
	entries: Array<BatchEntry<T>>,
	keyOf: (input: T) => string,
): Array<Array<BatchEntry<T>>> {
	const groups = new Map<string, Array<BatchEntry<T>>>();
	for (const entry of entries) {
		const key = keyOf(entry.input);
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}
	return [...groups.values()];
}
