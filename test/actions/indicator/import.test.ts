import { createHash } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNodeWithSignal, simulatorCredential } from '../../harness/engine';
import { runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
};
afterEach(async () => await simulator.close());

const sha256 = (index: number) => createHash('sha256').update(`file-${index}`).digest('hex');
const files = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		sha256: sha256(index),
		name: `file-${index}.exe`,
	}));

const importEach = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'indicator',
	operation: 'import',
	indicatorType: 'FileSha256',
	indicatorValue: '={{ $json.sha256 }}',
	action: 'BlockAndRemediate',
	title: '={{ "Blocked " + $json.name }}',
	description: 'From alert da1',
	...overrides,
});

/** Runs Create Many on these items against the simulator. */
const importItems = (items: IDataObject[], options: { continueOnFail?: boolean } = {}) =>
	runOnSimulator(simulator, importEach(), { items, ...options });

const imports = () =>
	simulator.apiRequests().filter((request) => request.path === '/api/indicators/import');
/** The indicator values of each import call, in the order sent. */
const sentBatches = () =>
	imports().map((request) =>
		(JSON.parse(request.body) as { Indicators: Array<{ indicatorValue: string }> }).Indicators.map(
			(entry) => entry.indicatorValue,
		),
	);
const sentValues = () => sentBatches().flat();

describe('Indicator → Create Many', () => {
	it('sends all items in one import call and gives each item its own result', async () => {
		await start();
		const input = files(3);

		const { items, error } = await importItems(input);

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(JSON.parse(imports()[0].body).Indicators[1]).toEqual({
			indicatorValue: sha256(1),
			indicatorType: 'FileSha256',
			action: 'BlockAndRemediate',
			title: 'Blocked file-1.exe',
			description: 'From alert da1',
		});
		const stored = [...simulator.indicators.values()];
		expect(items.map((item) => [item.json, item.pairedItem])).toEqual(
			input.map((file, index) => [
				{
					id: stored[index].id,
					indicatorValue: file.sha256,
					indicatorType: 'FileSha256',
					action: 'BlockAndRemediate',
					isFailed: false,
					failureReason: null,
				},
				{ item: index },
			]),
		);
	});

	it('sends 501 items in two calls of 500 and 1, nothing lost or doubled', async () => {
		await start();

		const { items, error } = await importItems(files(501));

		expect(error).toBeUndefined();
		expect(sentBatches().map((batch) => batch.length)).toEqual([500, 1]);
		expect(new Set(sentValues()).size).toBe(501);
		expect(simulator.indicators.size).toBe(501);
		expect(items.map((item) => item.json.indicatorValue)).toEqual(
			files(501).map((file) => file.sha256),
		);
		expect(items.every((item) => item.json.isFailed === false)).toBe(true);
	});

	it("gives each refused indicator Defender's reason, worded as the tenant's limit when it is that", async () => {
		await start({ indicatorLimit: 2 });

		const { items, error } = await importItems(files(3));

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(items.map((item) => item.json.isFailed)).toEqual([false, false, true]);
		expect(items[2].json).toMatchObject({
			id: null,
			indicatorValue: sha256(2),
			failureReason:
				'Cannot create indicator, the maximum number of 2 active indicators was reached',
			limitReached: true,
			failure:
				'Defender refused the indicator: the tenant already has its maximum of 15,000 active indicators',
		});
	});

	it('leaves out an item whose value is refused, and imports the others in one call (Continue On Fail)', async () => {
		await start();
		const input = [...files(2), { sha256: 'not-a-hash', name: 'x' }, ...files(4).slice(2)];

		const { items, error } = await importItems(input, { continueOnFail: true });

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(sentValues()).toEqual([sha256(0), sha256(1), sha256(2), sha256(3)]);
		expect(items[2].json.error).toContain(
			'Item 2: Indicator Value "not-a-hash" (File SHA-256) must be 64 hexadecimal characters',
		);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('finds what a lost import created, and does not submit it a second time', async () => {
		await start();
		simulator.injectFault({ path: /\/api\/indicators\/import$/, applyThenDrop: true, times: 1 });

		const { items, error } = await importItems(files(3));

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(simulator.indicators.size).toBe(3);
		const stored = [...simulator.indicators.values()];
		expect(items.map((item) => item.json.id)).toEqual(stored.map((indicator) => indicator.id));
		expect(
			simulator
				.apiRequests()
				.filter((request) => request.path === '/api/indicators' && request.method === 'GET'),
		).toHaveLength(1);
	});

	it('after a lost answer, sends again only the indicators Defender does not list', async () => {
		await start({ indicatorLimit: 1 });
		simulator.injectFault({ path: /\/api\/indicators\/import$/, applyThenDrop: true, times: 1 });

		const { items, error } = await importItems(files(2));

		expect(error).toBeUndefined();
		expect(sentBatches()).toEqual([[sha256(0), sha256(1)], [sha256(1)]]);
		expect(
			items.map((item) => [item.json.indicatorValue, item.json.isFailed, item.json.limitReached]),
		).toEqual([
			[sha256(0), false, undefined],
			[sha256(1), true, true],
		]);
	});

	it('sends a lost import again when Defender never took it', async () => {
		await start();
		simulator.injectFault({ path: /\/api\/indicators\/import$/, reset: true, times: 1 });

		const { items, error } = await importItems(files(2));

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(2);
		expect(simulator.indicators.size).toBe(2);
		expect(items.every((item) => item.json.isFailed === false)).toBe(true);
	});

	it('ends every waiting item when the execution is cancelled during a 429 wait, and sends nothing more', async () => {
		await start();
		simulator.injectFault({
			path: /\/api\/indicators\/import$/,
			status: 429,
			headers: { 'Retry-After': '60' },
			times: 1,
		});
		const execution = new AbortController();
		const poll = setInterval(() => {
			if (imports().length > 0) {
				clearInterval(poll);
				setTimeout(() => execution.abort(), 50);
			}
		}, 10);

		// Without the abort the batch would sit out the 60 s Retry-After and hit the test timeout.
		const outcome = runDefenderNodeWithSignal({
			parameters: importEach(),
			items: files(3),
			credential: simulatorCredential(simulator),
			signal: execution.signal,
		});

		await expect(outcome).rejects.toHaveProperty('name', 'NodeApiError');
		expect(imports()).toHaveLength(1);
		expect(simulator.indicators.size).toBe(0);
	}, 10_000);

	it('names Ti.ReadWrite and Ti.ReadWrite.All when the app has neither (403), for every item', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { items, error } = await importItems(files(2), { continueOnFail: true });

		expect(error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(items.map((item) => item.json.error)).toEqual(
			[0, 1].map(
				() =>
					'The app registration is not allowed to import the indicators: The application does not have any of the required application roles (Ti.ReadWrite, Ti.ReadWrite.All) to access the resource.',
			),
		);
	});
});
