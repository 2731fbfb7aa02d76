import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
	simulator.seedMachines(2, { machineTags: ['Tier0'] });
	simulator.seedMachines(2, { machineTags: ['Tier1', 'Finance'] });
	simulator.seedMachines(2, { machineTags: ['Finance'] });
};
afterEach(async () => await simulator.close());

const machines = () => [...simulator.machines.values()];
const getAll = (filters: IDataObject, more: IDataObject = {}): INodeParameters => ({
	resource: 'machine',
	operation: 'getAll',
	returnAll: true,
	filters: filters as INodeParameters,
	...(more as INodeParameters),
});

describe('Machine → Get Many by tag', () => {
	it('Tag Starts With asks findbytag with useStartsWithFilter and no $top', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getAll({ tagStartsWith: ' Tier ' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => [request.path, request.query])).toEqual([
			['/api/machines/findbytag', { tag: 'Tier', useStartsWithFilter: 'true' }],
		]);
		expect(items.map((item) => item.json.id)).toEqual(
			machines()
				.slice(0, 4)
				.map((machine) => machine.id),
		);
	});

	it('follows every page and stops at the Limit', async () => {
		await start({ pageSize: 2 });

		const all = await runDefenderNode({
			parameters: getAll({ tagStartsWith: 'T' }),
			credential: simulatorCredential(simulator),
		});
		const pagesForAll = simulator.apiRequests().length;
		const limited = await runDefenderNode({
			parameters: getAll({ tagStartsWith: 'T' }, { returnAll: false, limit: 3 }),
			credential: simulatorCredential(simulator),
		});

		expect(all.items).toHaveLength(4);
		expect(pagesForAll).toBe(2);
		expect(limited.items.map((item) => item.json.id)).toEqual(
			machines()
				.slice(0, 3)
				.map((machine) => machine.id),
		);
		expect(simulator.apiRequests()).toHaveLength(4);
	});

	it('the exact Tag filter still goes through $filter, combined with the others', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getAll({ tag: 'Finance', osPlatform: 'Windows10' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe(
			"osPlatform eq 'Windows10' and machineTags/any(tag: tag eq 'Finance')",
		);
		expect(items.map((item) => item.json.id)).toEqual(
			machines()
				.filter(
					(machine) =>
						machine.osPlatform === 'Windows10' && machine.machineTags.includes('Finance'),
				)
				.map((machine) => machine.id),
		);
	});

	it('outputs nothing when no device has such a tag', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getAll({ tagStartsWith: 'Nobody' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('names the read permission when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['User.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getAll({ tagStartsWith: 'Tier' }),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'The app registration is not allowed to read devices with a tag starting with Tier',
		);
		expect(error?.description).toContain('Machine.Read.All or Machine.ReadWrite.All');
	});

	it.each([
		[
			'another filter beside it',
			{ tagStartsWith: 'Tier', healthStatus: ['Active'] },
			'Filter "Tag Starts With" cannot be combined with other filters (Health Status)',
		],
		[
			'both tag filters',
			{ tagStartsWith: 'Tier', tag: 'Finance' },
			'cannot be combined with other filters (Tag)',
		],
		[
			'a line break in it',
			{ tagStartsWith: 'Tier\r\n' + 'x' },
			'Filter "Tag Starts With" must not contain control characters',
		],
	])('refuses %s before sending anything', async (_label, filters, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getAll(filters),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
