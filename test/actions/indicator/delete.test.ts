import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	return simulator.seedIndicators();
};
afterEach(async () => await simulator.close());

const deleteOne = (indicatorId: string): INodeParameters => ({
	resource: 'indicator',
	operation: 'delete',
	indicatorId,
});
const deleteEach: INodeParameters = {
	resource: 'indicator',
	operation: 'deleteMany',
	indicatorId: '={{ $json.id }}',
};
const batchDeletes = () =>
	simulator.apiRequests().filter((request) => request.path === '/api/indicators/BatchDelete');

describe('Indicator → Delete', () => {
	it('deletes the indicator by its id', async () => {
		const [first] = await start();

		const { items, error } = await runDefenderNode({
			parameters: deleteOne(first.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`DELETE /api/indicators/${first.id}`]);
		expect(simulator.indicators.has(first.id)).toBe(false);
		expect(items.map((item) => item.json)).toEqual([{ id: first.id, deleted: true }]);
	});

	it('says clearly that an indicator already gone was not found', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: deleteOne('424242'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe('Indicator 424242 was not found');
	});

	it('counts a delete whose answer was lost as done when the resend finds it gone', async () => {
		const [first] = await start();
		simulator.injectFault({ method: 'DELETE', applyThenDrop: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: deleteOne(first.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()).toHaveLength(2);
		expect(items[0].json).toEqual({ id: first.id, deleted: true });
	});

	it.each([['../machines'], ['12 or 1'], ['={{ "" }}'], ['1e5']])(
		'refuses the id %s before sending',
		async (id) => {
			await start();

			const { error } = await runDefenderNode({
				parameters: deleteOne(id),
				credential: simulatorCredential(simulator),
			});

			expect(error?.message).toMatch(
				/^Item 0: Indicator ID must be the number Defender gave the indicator/,
			);
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);

	it('names Ti.ReadWrite and Ti.ReadWrite.All when the app has neither (403)', async () => {
		const [first] = await start({ apps: [{ ...DEFAULT_APP, roles: ['Alert.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: deleteOne(first.id),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to delete indicator ${first.id}`,
		);
		expect(error?.description).toContain('Ti.ReadWrite or Ti.ReadWrite.All');
	});
});

describe('Indicator → Delete Many', () => {
	it('deletes every item’s indicator in one call, each item getting its own result', async () => {
		const seeded = await start();

		const { items, error } = await runDefenderNode({
			parameters: deleteEach,
			items: seeded.map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(batchDeletes().map((request) => JSON.parse(request.body))).toEqual([
			{ IndicatorIds: seeded.map(({ id }) => id) },
		]);
		expect(simulator.indicators.size).toBe(0);
		expect(items.map((item) => [item.json, item.pairedItem])).toEqual(
			seeded.map(({ id }, item) => [{ id, deleted: true, failureReason: null }, { item }]),
		);
	});

	it('sends 501 ids in calls of 500 and 1', async () => {
		await start();
		const many = simulator.seedIndicators(
			Array.from({ length: 501 }, (_, index) => ({
				indicatorValue: `host${index}.example.com`,
				indicatorType: 'DomainName',
				action: 'Block',
			})),
		);

		const { items, error } = await runDefenderNode({
			parameters: deleteEach,
			items: many.map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(batchDeletes().map((request) => JSON.parse(request.body).IndicatorIds.length)).toEqual([
			500, 1,
		]);
		expect(items.every((item) => item.json.deleted === true)).toBe(true);
		expect(simulator.indicators.size).toBe(5);
	});

	it('finds which ids are gone when Defender refuses the whole call (404), and deletes the rest', async () => {
		const seeded = await start();
		const ids = [seeded[0].id, '999001', seeded[1].id, seeded[2].id];

		const { items, error } = await runDefenderNode({
			parameters: deleteEach,
			items: ids.map((id) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ id: seeded[0].id, deleted: true, failureReason: null },
			{ id: '999001', deleted: false, failureReason: 'Indicator 999001 was not found' },
			{ id: seeded[1].id, deleted: true, failureReason: null },
			{ id: seeded[2].id, deleted: true, failureReason: null },
		]);
		expect(simulator.indicators.size).toBe(seeded.length - 3);
		expect(batchDeletes().map((request) => JSON.parse(request.body).IndicatorIds.length)).toEqual([
			4, 2, 1, 1, 2,
		]);
	});

	it('sends a lost batch again and counts the ids it finds gone as deleted', async () => {
		const seeded = await start();
		simulator.injectFault({ path: /BatchDelete$/, applyThenDrop: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: deleteEach,
			items: seeded.slice(0, 2).map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.deleted)).toEqual([true, true]);
	});

	it('names the permission for every item when the app lacks it (403)', async () => {
		const seeded = await start({ apps: [{ ...DEFAULT_APP, roles: ['Alert.Read.All'] }] });

		const { items } = await runDefenderNode({
			parameters: deleteEach,
			items: seeded.slice(0, 2).map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
			continueOnFail: true,
		});

		expect(batchDeletes()).toHaveLength(1);
		expect(items.map((item) => item.json.error)).toEqual(
			seeded
				.slice(0, 2)
				.map(({ id }) =>
					expect.stringContaining(`The app registration is not allowed to delete indicator ${id}`),
				),
		);
	});
});
