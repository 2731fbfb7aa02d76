/// <reference types="jest" />
// jest globals: tsconfig.bench.json compiles test/harness without them.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { DefenderSimulator } from '../../simulator/server';
import { requestLines, runOnSimulator } from './simulatorRuns';

/**
 * One GET endpoint of the shapes "one entity by key" and "a list under one entity": a row of a
 * table that `describeEntityReads` runs through n8n's engine against the simulator. A new endpoint
 * of either shape adds a row, not a test file.
 */
export interface EntityReadRow {
	resource: string;
	operation: string;
	/** The node parameters that name the entity. */
	key: () => INodeParameters;
	/** The path of the one request the simulator must receive (`GET <path>`). */
	path: () => string;
	/** What the items must be, one per entry, in order: their ids, or what `pick` reads. */
	expected: () => unknown[];
	/** What of each item `expected` lists; absent: its `id`. */
	pick?: (json: IDataObject) => unknown;
	/** The permission a 403's description must name. */
	permission: string;
}

export interface EntityReadTable {
	/** Starts (and seeds) the simulator for one row; `roles`: the app's roles when not the default app's. */
	start: (roles?: string[]) => Promise<DefenderSimulator>;
	/** The roles of an app that lacks what `row` needs. */
	rolesWithout: (row: EntityReadRow) => string[];
	/** What one item stands for, in the test's title: "entry", "related entity". */
	itemIs: string;
}

const label = (row: EntityReadRow) => `${row.resource} → ${row.operation}`;
const runRow = (simulator: DefenderSimulator, row: EntityReadRow) =>
	runOnSimulator(simulator, { resource: row.resource, operation: row.operation, ...row.key() });

/** For each row (inside a describe): one request to its path and one item per entry; and a 403 naming its permission. */
export function itReadsEachRow(rows: readonly EntityReadRow[], table: EntityReadTable): void {
	const cases = rows.map((row) => [label(row), row] as const);
	it.each(cases)(
		`%s: one request to its path, one item per ${table.itemIs}`,
		async (_label, row) => {
			const simulator = await table.start();
			const { items, error } = await runRow(simulator, row);

			expect(error).toBeUndefined();
			expect(requestLines(simulator)).toEqual([`GET ${row.path()}`]);
			const expected = row.expected();
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => (row.pick ?? ((json) => json.id))(item.json))).toEqual(expected);
			expect(items.every((item) => !('@odata.context' in item.json))).toBe(true);
		},
	);

	it.each(cases)('%s: a 403 names the permission it needs', async (_label, row) => {
		const simulator = await table.start(table.rolesWithout(row));
		const { error } = await runRow(simulator, row);

		expect(error?.message).toContain('The app registration is not allowed to');
		expect(error?.description).toContain(row.permission);
	});
}

/** A refused input: resource, operation, the parameters, then what the message must contain. */
export type RefusalRow = readonly [string, string, INodeParameters, ...string[]];

/** For each row (inside a describe): the node refuses the input with a message naming the problem, and sends nothing. */
export function itRefusesEachRow(
	rows: readonly RefusalRow[],
	start: () => Promise<DefenderSimulator>,
): void {
	it.each(rows.map((row) => [row[0], row[1], row[2], row] as const))(
		'%s → %s with %j',
		async (_resource, _operation, _key, [resource, operation, key, ...fragments]) => {
			const simulator = await start();
			const { error } = await runOnSimulator(simulator, { resource, operation, ...key });

			expect(fragments.length).toBeGreaterThan(0);
			for (const fragment of fragments) expect(error?.message).toContain(fragment);
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);
}
