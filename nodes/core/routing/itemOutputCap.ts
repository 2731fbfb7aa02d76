import type { ApiClient } from '../transport/apiClient';

/**
 * The most rows one input item may return. n8n's RoutingNode hands a declarative node's items on with
 * one `push(...items)` per input item, which overflows the call stack past about 110,000 items
 * (measured between 110,000 and 125,000 on Node 20, see bench/README.md): the run would fail with
 * "Maximum call stack size exceeded" after reading every page.
 */
export const MAX_ROWS_PER_ITEM = 100_000;

/** How many rows to read for a Limit: one past the cap tells "exactly 100,000" from "more than n8n can pass on". */
export const rowsToRead = (limit: number): number => Math.min(limit, MAX_ROWS_PER_ITEM + 1);

/** Fails the item, naming what it read and how to narrow it, when n8n could not pass its rows on. */
export function assertPassableRows(
	client: ApiClient,
	rows: readonly unknown[],
	what: string,
	narrowing: string,
): void {
	if (rows.length > MAX_ROWS_PER_ITEM)
		throw client.inputError(
			`More than ${MAX_ROWS_PER_ITEM.toLocaleString('en-US')} ${what} to return for one item: n8n cannot pass that many items on from one input item`,
			narrowing,
		);
}
