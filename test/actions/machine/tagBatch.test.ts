import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (machines: number, options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
	simulator.seedMachines(machines, { machineTags: ['Finance'] });
};
afterEach(async () => await simulator.close());

const ids = () => [...simulator.machines.values()].map((machine) => machine.id);
const batched = (operation: 'addTag' | 'removeTag', tag = 'Tier0'): INodeParameters => ({
	resource: 'machine',
	operation,
	machineId: { __rl: true, mode: 'id', value: '={{ $json.deviceId }}' },
	tag,
	options: { batchAcrossItems: true, maxRetries: 2, maxTotalWaitSeconds: 5 },
});
const multiCalls = () =>
	simulator
		.apiRequests()
		.filter((request) => request.path === '/api/machines/AddOrRemoveTagForMultipleMachines');
const bodyOf = (index: number) =>
	JSON.parse(multiCalls()[index].body) as { Value: string; Action: string; MachineIds: string[] };
const run = async (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
	await runDefenderNode({
		parameters,
		items,
		credential: simulatorCredential(simulator),
		continueOnFail,
	});

describe('Machine → Add Tag / Remove Tag, Batch Across Items', () => {
	it('reads the devices, then tags them all with one call, each item getting its own device', async () => {
		await start(3);

		const { items, error } = await run(
			batched('addTag'),
			ids().map((deviceId) => ({ deviceId })),
		);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			'GET /api/machines',
			'POST /api/machines/AddOrRemoveTagForMultipleMachines',
		]);
		expect(bodyOf(0)).toEqual({
			Value: 'Tier0',
			Action: 'Add',
			MachineIds: expect.arrayContaining(ids()),
		});
		expect(bodyOf(0).MachineIds).toHaveLength(3);
		expect(items.map((item) => [item.pairedItem, item.json.id, item.json.machineTags])).toEqual(
			ids().map((id, index) => [{ item: index }, id, ['Finance', 'Tier0']]),
		);
		expect(items.map((item) => item.json.tagAlreadyPresent)).toEqual([false, false, false]);
	});

	it.each([
		['addTag', 'Tier0', 'tagAlreadyPresent', [true, false]],
		['removeTag', 'Tier0', 'tagWasAbsent', [false, true]],
	] as const)(
		'%s says per device whether it already was as asked (%s)',
		async (operation, tag, field, expected) => {
			await start(2);
			const [tagged, untagged] = ids();
			const device = simulator.machines.get(tagged);
			if (device) device.machineTags = ['Finance', 'Tier0'];

			const { items, error } = await run(batched(operation, tag), [
				{ deviceId: tagged },
				{ deviceId: untagged },
			]);

			expect(error).toBeUndefined();
			expect(multiCalls()).toHaveLength(1);
			expect(items.map((item) => item.json[field])).toEqual(expected);
		},
	);

	it('sends at most 500 devices per call', async () => {
		await start(503);

		const { items, error } = await run(
			batched('removeTag', 'Finance'),
			ids().map((deviceId) => ({ deviceId })),
		);

		expect(error).toBeUndefined();
		expect(
			multiCalls()
				.map((_, index) => bodyOf(index).MachineIds.length)
				.sort((a, b) => a - b),
		).toEqual([3, 500]);
		expect(new Set(multiCalls().flatMap((_, index) => bodyOf(index).MachineIds))).toEqual(
			new Set(ids()),
		);
		expect(items).toHaveLength(503);
		expect(
			[...simulator.machines.values()].every((machine) => machine.machineTags.length === 0),
		).toBe(true);
	});

	it('makes one call per tag when items carry different tags, and sends a device named twice once', async () => {
		await start(3);
		const [a, b, c] = ids();

		const { items, error } = await run(batched('addTag', '={{ $json.tag }}'), [
			{ deviceId: a, tag: 'Tier0' },
			{ deviceId: b, tag: 'Tier1' },
			{ deviceId: c, tag: 'Tier0' },
			{ deviceId: a, tag: 'Tier0' },
		]);

		expect(error).toBeUndefined();
		const calls = multiCalls().map((_, index) => bodyOf(index));
		expect(calls.map((call) => [call.Value, [...call.MachineIds].sort()]).sort()).toEqual([
			['Tier0', [a, c].sort()],
			['Tier1', [b]],
		]);
		expect(items.map((item) => item.json.id)).toEqual([a, b, c, a]);
	});

	it('fails only the item whose input is refused or whose device Defender does not list', async () => {
		await start(2);
		const [a, b] = ids();
		const unknown = 'd'.repeat(40);

		const { items } = await run(
			batched('addTag'),
			[{ deviceId: a }, { deviceId: 'not-a-device-id/..' }, { deviceId: unknown }, { deviceId: b }],
			true,
		);

		expect(multiCalls()).toHaveLength(1);
		expect([...bodyOf(0).MachineIds].sort()).toEqual([a, b, unknown].sort());
		expect(items.map((item) => item.json.id ?? null)).toEqual([a, null, null, b]);
		expect(String(items[1].json.error)).toContain(
			'Device ID must be a Defender device ID, 40 hexadecimal characters',
		);
		expect(String(items[2].json.error)).toContain(
			`Defender did not list device ${unknown} in its answer`,
		);
	});

	it('names Machine.ReadWrite.All on every item when the app may only read devices (403)', async () => {
		await start(2, { apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { items } = await run(
			batched('addTag'),
			ids().map((deviceId) => ({ deviceId })),
			true,
		);

		expect(multiCalls()).toHaveLength(1);
		expect(items).toHaveLength(2);
		for (const [index, item] of items.entries()) {
			expect(String(item.json.error)).toContain(
				`The app registration is not allowed to add tag "Tier0" to device ${ids()[index]}`,
			);
		}
		expect([...simulator.machines.values()].map((machine) => machine.machineTags)).toEqual([
			['Finance'],
			['Finance'],
		]);
	});

	it('after a lost answer, reads the devices and does not send the change again when it was applied', async () => {
		await start(3);
		simulator.injectFault({
			method: 'POST',
			path: /AddOrRemoveTagForMultipleMachines$/,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await run(
			batched('addTag'),
			ids().map((deviceId) => ({ deviceId })),
		);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			'GET /api/machines',
			'POST /api/machines/AddOrRemoveTagForMultipleMachines',
			'GET /api/machines',
		]);
		expect(items.map((item) => item.json.machineTags)).toEqual([
			['Finance', 'Tier0'],
			['Finance', 'Tier0'],
			['Finance', 'Tier0'],
		]);
	});

	it('after a lost answer that changed nothing, sends the change again', async () => {
		await start(2);
		simulator.injectFault({
			method: 'POST',
			path: /AddOrRemoveTagForMultipleMachines$/,
			reset: true,
			times: 1,
		});

		const { items, error } = await run(
			batched('addTag'),
			ids().map((deviceId) => ({ deviceId })),
		);

		expect(error).toBeUndefined();
		expect(multiCalls()).toHaveLength(2);
		expect(items.map((item) => item.json.machineTags)).toEqual([
			['Finance', 'Tier0'],
			['Finance', 'Tier0'],
		]);
	});
});
