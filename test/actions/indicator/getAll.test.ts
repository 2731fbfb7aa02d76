import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	return simulator.seedIndicators();
};
afterEach(async () => await simulator.close());

const getAll = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'indicator',
	operation: 'getAll',
	returnAll: true,
	...overrides,
});

describe('Indicator → Get Many', () => {
	it('sends the filters as one $filter and outputs one item per indicator', async () => {
		const seeded = await start();

		const { items, error } = await runDefenderNode({
			parameters: getAll({
				filters: {
					indicatorType: ['IpAddress', 'Url'],
					action: ['Block'],
					severity: ['High'],
					createdBy: 'analyst@contoso.com',
					title: "C2 'server'",
				},
			}),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe(
			"(indicatorType eq 'IpAddress' or indicatorType eq 'Url') and action eq 'Block' and severity eq 'High' and createdBy eq 'analyst@contoso.com' and title eq 'C2 ''server'''",
		);
		expect(items).toEqual([]);
		const { error: second, items: found } = await runDefenderNode({
			parameters: getAll({ filters: { indicatorValue: '203.0.113.15' } }),
			credential: simulatorCredential(simulator),
		});
		expect(second).toBeUndefined();
		expect(found.map((item) => item.json)).toEqual([
			seeded.find((indicator) => indicator.indicatorValue === '203.0.113.15'),
		]);
	});

	it('follows the pages up to the limit', async () => {
		await start({ pageSize: 2 });

		const all = await runDefenderNode({
			parameters: getAll(),
			credential: simulatorCredential(simulator),
		});
		const limited = await runDefenderNode({
			parameters: getAll({ returnAll: false, limit: 3 }),
			credential: simulatorCredential(simulator),
		});

		expect(all.items).toHaveLength(5);
		expect(limited.items).toHaveLength(3);
		expect(simulator.apiRequests().map((request) => request.query.$skip ?? '0')).toEqual([
			'0',
			'2',
			'4',
			'0',
			'2',
		]);
	});

	it('shows an app with Ti.ReadWrite only the indicators it created', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Ti.ReadWrite'] }] });
		const create: INodeParameters = {
			resource: 'indicator',
			operation: 'create',
			indicatorType: 'DomainName',
			indicatorValue: 'evil.example.org',
			action: 'Block',
			title: 'Phish',
			description: 'x',
		};
		await runDefenderNode({ parameters: create, credential: simulatorCredential(simulator) });

		const { items } = await runDefenderNode({
			parameters: getAll(),
			credential: simulatorCredential(simulator),
		});

		expect(items.map((item) => item.json.indicatorValue)).toEqual(['evil.example.org']);
		expect(simulator.indicators.size).toBe(6);
	});

	it('names Ti.ReadWrite and Ti.ReadWrite.All when the app has neither (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getAll(),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('The app registration is not allowed to read indicators');
		expect(error?.description).toContain('Ti.ReadWrite or Ti.ReadWrite.All');
	});

	describe('reads a list that pages by $skip to its end (Defender documents no next link for indicators)', () => {
		/** `count` IP indicators, as a tenant may hold 15,000 active ones. */
		const startWith = async (count: number) => {
			simulator = await startDefenderSimulator();
			simulator.seedIndicators(
				Array.from({ length: count }, (_, index) => ({
					indicatorType: 'IpAddress' as const,
					indicatorValue: `10.${Math.floor(index / 65536) % 256}.${Math.floor(index / 256) % 256}.${index % 256}`,
					action: 'Block' as const,
				})),
			);
		};
		const pages = () =>
			simulator
				.apiRequests()
				.map((request) => `$top=${request.query.$top} $skip=${request.query.$skip ?? '-'}`);

		it('returns all 10,050 of 10,050 indicators', async () => {
			await startWith(10_050);

			const { items, error } = await runDefenderNode({
				parameters: getAll(),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(10_050);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(10_050);
			expect(pages()).toEqual(['$top=10000 $skip=-', '$top=10000 $skip=10000']);
		});

		it('asks once more after exactly one full page, and gets nothing more', async () => {
			await startWith(10_000);

			const { items, error } = await runDefenderNode({
				parameters: getAll(),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(10_000);
			expect(pages()).toEqual(['$top=10000 $skip=-', '$top=10000 $skip=10000']);
		});

		it('stops exactly at Limit, asking the second page only for what is missing', async () => {
			await startWith(10_050);

			const { items, error } = await runDefenderNode({
				parameters: getAll({ returnAll: false, limit: 10_020 }),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(10_020);
			expect(pages()).toEqual(['$top=10000 $skip=-', '$top=20 $skip=10000']);
		});
	});
});
