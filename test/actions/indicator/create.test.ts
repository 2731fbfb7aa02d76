import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
};
afterEach(async () => await simulator.close());

const SHA256 = 'a'.repeat(64);

const create = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'indicator',
	operation: 'create',
	indicatorType: 'FileSha256',
	indicatorValue: SHA256,
	action: 'Block',
	title: 'Payload from alert da1',
	description: 'Seen on desktop-001',
	...overrides,
});

const posts = () => simulator.apiRequests().filter((request) => request.method === 'POST');

describe('Indicator → Create or Update', () => {
	it('sends the indicator with its options and outputs what Defender made of it', async () => {
		await start();
		const expires = new Date(Date.now() + 86_400_000).toISOString();

		const { items, error } = await runDefenderNode({
			parameters: create({
				options: {
					severity: 'High',
					expirationTime: expires,
					recommendedActions: 'Reimage',
					rbacGroupNames: 'Workstations, Servers',
					application: 'Payload.exe',
				},
			}),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(posts().map((request) => [request.path, JSON.parse(request.body)])).toEqual([
			[
				'/api/indicators',
				{
					indicatorValue: SHA256,
					indicatorType: 'FileSha256',
					action: 'Block',
					title: 'Payload from alert da1',
					description: 'Seen on desktop-001',
					severity: 'High',
					expirationTime: expires,
					recommendedActions: 'Reimage',
					rbacGroupNames: ['Workstations', 'Servers'],
					application: 'Payload.exe',
				},
			],
		]);
		const [stored] = [...simulator.indicators.values()];
		expect(items.map((item) => item.json)).toEqual([{ ...stored, created: true }]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('turns Generate Alert on for Audit, as Defender requires', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: create({ action: 'Audit' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(JSON.parse(posts()[0].body)).toMatchObject({ action: 'Audit', generateAlert: true });
	});

	it('refuses Audit with Generate Alert turned off, before sending', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: create({ action: 'Audit', options: { generateAlert: false } }),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			'Item 0: Generate Alert is off, but Defender requires an alert for the Audit action',
		);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('updates the indicator of the same value instead of adding one', async () => {
		await start();
		const [seeded] = simulator.seedIndicators([
			{
				indicatorValue: SHA256,
				indicatorType: 'FileSha256',
				action: 'Audit',
				// Made by an analyst a minute before, on Defender's clock.
				creationTimeDateTimeUtc: new Date(
					Date.now() + simulator.clockOffsetMs - 60_000,
				).toISOString(),
			},
		]);

		const { items, error } = await runDefenderNode({
			parameters: create(),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.indicators.size).toBe(1);
		expect(items[0].json).toMatchObject({ id: seeded.id, action: 'Block', created: false });
	});

	it('finds the indicator a lost submission created, and does not send it again', async () => {
		await start();
		simulator.injectFault({
			method: 'POST',
			path: /^\/api\/indicators$/,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await runDefenderNode({
			parameters: create(),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [stored] = [...simulator.indicators.values()];
		expect(items[0].json).toMatchObject({ id: stored.id, indicatorValue: SHA256, created: true });
		expect(simulator.apiRequests()[1].query.$filter).toBe(
			`indicatorType eq 'FileSha256' and (indicatorValue eq '${SHA256}')`,
		);
	});

	it('sends a lost submission again when Defender never took it', async () => {
		await start();
		simulator.injectFault({ method: 'POST', path: /^\/api\/indicators$/, reset: true, times: 1 });

		const { error } = await runDefenderNode({
			parameters: create(),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(simulator.indicators.size).toBe(1);
	});

	it("words Defender's refusal past the tenant's active indicator limit as such", async () => {
		await start({ indicatorLimit: 2 });
		simulator.seedIndicators([
			{ indicatorValue: 'b'.repeat(64), indicatorType: 'FileSha256', action: 'Block' },
			{ indicatorValue: 'c'.repeat(64), indicatorType: 'FileSha256', action: 'Block' },
		]);

		const { error } = await runDefenderNode({
			parameters: create(),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			'Defender refused the indicator: the tenant already has its maximum of 15,000 active indicators',
		);
		expect(error?.description).toContain('Delete indicators that are no longer needed');
		expect(posts()).toHaveLength(1);
	});

	it('names Ti.ReadWrite and Ti.ReadWrite.All when the app has neither (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: create(),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to create or update indicator ${SHA256}`,
		);
		expect(error?.description).toContain('Ti.ReadWrite or Ti.ReadWrite.All');
	});
});
