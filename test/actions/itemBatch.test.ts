import { ItemBatcher } from '../../nodes/core/routing/itemBatch';
import type { BatchEntry, BatchRun } from '../../nodes/core/routing/itemBatch';

/** A batcher that records every batch it sends and answers each entry with its input doubled. */
function recordingBatcher(
	size: number,
	idleMs = 50,
	fail?: (entries: Array<BatchEntry<number>>) => Error | undefined,
) {
	const batches: number[][] = [];
	const batcher = new ItemBatcher<number, number>({
		size,
		idleMs,
		send: async (entries) => {
			batches.push(entries.map((entry) => entry.input));
			const error = fail?.(entries);
			if (error) throw error;
			return entries.map((entry) => entry.input * 2);
		},
	});
	return { batcher, batches };
}

const runOf = (expected: number): BatchRun => ({ key: {}, expected });
const join = (
	batcher: ItemBatcher<number, number>,
	run: BatchRun,
	value: number,
	signal?: AbortSignal,
) => batcher.join(run, { itemIndex: value, signal, prepare: () => value });

describe('ItemBatcher', () => {
	it.each([
		[5, 2, [[0, 1], [2, 3], [4]]],
		[4, 4, [[0, 1, 2, 3]]],
		[3, 10, [[0, 1, 2]]],
	])(
		'sends %i items of one run in batches of %i, each item getting its own result',
		async (count, size, expected) => {
			const { batcher, batches } = recordingBatcher(size);
			const run = runOf(count);

			const results = await Promise.all(
				Array.from({ length: count }, (_, value) => join(batcher, run, value)),
			);

			expect(batches).toEqual(expected);
			expect(results).toEqual(Array.from({ length: count }, (_, value) => value * 2));
		},
	);

	it('sends a batch in item order, whatever order the items joined in', async () => {
		const { batcher, batches } = recordingBatcher(10);
		const run = runOf(3);

		await Promise.all([2, 0, 1].map((value) => join(batcher, run, value)));

		expect(batches).toEqual([[0, 1, 2]]);
	});

	it('keeps two runs apart', async () => {
		const { batcher, batches } = recordingBatcher(10);
		const first = runOf(2);
		const second = runOf(1);

		await Promise.all([join(batcher, first, 1), join(batcher, second, 7), join(batcher, first, 2)]);

		expect(batches).toEqual([[7], [1, 2]]);
	});

	it('does not wait for an item whose input was refused, and rethrows its error', async () => {
		const { batcher, batches } = recordingBatcher(10, 60_000);
		const run = runOf(3);
		const refused = batcher.join(run, {
			itemIndex: 1,
			prepare: () => {
				throw new Error('bad value');
			},
		});

		const results = await Promise.allSettled([
			join(batcher, run, 0),
			refused,
			join(batcher, run, 2),
		]);

		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad value'));
		expect(batches).toEqual([[0, 2]]);
	});

	it('sends what has gathered once no item has joined for the idle time (an item n8n never handed over)', async () => {
		const { batcher, batches } = recordingBatcher(10, 30);
		const run = runOf(3);

		const results = await Promise.all([join(batcher, run, 0), join(batcher, run, 1)]);

		expect(results).toEqual([0, 2]);
		expect(batches).toEqual([[0, 1]]);
	});

	it('fails every item of a batch whose call failed, and only those', async () => {
		const { batcher, batches } = recordingBatcher(2, 50, (entries) =>
			entries[0].input === 0 ? new Error('403') : undefined,
		);
		const run = runOf(3);

		const results = await Promise.allSettled([0, 1, 2].map((value) => join(batcher, run, value)));

		expect(batches).toEqual([[0, 1], [2]]);
		expect(
			results.map((result) =>
				result.status === 'fulfilled' ? result.value : (result.reason as Error).message,
			),
		).toEqual(['403', '403', 4]);
	});

	it('fails every item when the call answers with the wrong number of results', async () => {
		const batcher = new ItemBatcher<number, number>({ size: 5, send: async () => [1] });
		const run = runOf(2);

		const results = await Promise.allSettled([join(batcher, run, 0), join(batcher, run, 1)]);

		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
	});

	it('settles every waiting item when the execution is cancelled, and sends none of them', async () => {
		const { batcher, batches } = recordingBatcher(10, 60_000);
		const controller = new AbortController();
		const run = runOf(5);

		const waiting = [0, 1, 2].map((value) => join(batcher, run, value, controller.signal));
		controller.abort(new Error('cancelled'));
		const results = await Promise.allSettled(waiting);

		expect(results.map((result) => (result as PromiseRejectedResult).reason)).toEqual(
			[1, 2, 3].map(() => new Error('cancelled')),
		);
		expect(batches).toEqual([]);
		// The run's last items still get through; the cancelled ones are not in their batch.
		await expect(Promise.all([join(batcher, run, 3), join(batcher, run, 4)])).resolves.toEqual([
			6, 8,
		]);
		expect(batches).toEqual([[3, 4]]);
	});

	it('refuses an item whose signal is already aborted without sending it', async () => {
		const { batcher, batches } = recordingBatcher(10);
		const controller = new AbortController();
		controller.abort(new Error('cancelled'));

		await expect(join(batcher, runOf(1), 0, controller.signal)).rejects.toThrow('cancelled');
		expect(batches).toEqual([]);
	});
});
