import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
	simulator.seedMachines(3, { machineTags: ['Finance'] });
};
afterEach(async () => await simulator.close());

const machineAt = (index: number) => [...simulator.machines.values()][index];
const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const byName = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'name',
	value,
});
const tagParameters = (
	operation: 'addTag' | 'removeTag',
	machineId: INodeParameterResourceLocator,
	tag: string,
) => ({
	resource: 'machine',
	operation,
	machineId,
	tag,
	options: { maxRetries: 2, maxTotalWaitSeconds: 5 },
});
const tagCalls = () => simulator.apiRequests().filter((request) => request.path.endsWith('/tags'));

describe('Machine → Add Tag / Remove Tag', () => {
	it.each([
		['addTag', 'Tier0', 'Add', ['Finance', 'Tier0'], { tagAlreadyPresent: false }],
		['removeTag', 'Finance', 'Remove', [], { tagWasAbsent: false }],
	] as const)(
		'%s reads the device, sends {Value, Action} and outputs the updated device and what changed',
		async (operation, tag, action, tags, state) => {
			await start();
			const machine = machineAt(1);

			const { items, error } = await runDefenderNode({
				parameters: tagParameters(operation, byId(machine.id), tag),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(requestLines(simulator)).toEqual([
				`GET /api/machines/${machine.id}`,
				`POST /api/machines/${machine.id}/tags`,
			]);
			expect(JSON.parse(tagCalls()[0].body)).toEqual({ Value: tag, Action: action });
			expect(items).toHaveLength(1);
			expect(items[0].json).toEqual(expect.objectContaining({ id: machine.id, machineTags: tags }));
			expect(items[0].json).toMatchObject(state);
			expect(Object.keys(items[0].json)).not.toContain(
				operation === 'addTag' ? 'tagWasAbsent' : 'tagAlreadyPresent',
			);
			expect(items[0].json['@odata.context']).toBeUndefined();
			expect(simulator.machines.get(machine.id)?.machineTags).toEqual(tags);
		},
	);

	it.each([
		['addTag', 'Finance', { tagAlreadyPresent: true }, ['Finance']],
		['removeTag', 'Tier0', { tagWasAbsent: true }, ['Finance']],
	] as const)(
		'%s says when the device already was as asked (%s)',
		async (operation, tag, state, tags) => {
			await start();
			const machine = machineAt(0);

			const { items, error } = await runDefenderNode({
				parameters: tagParameters(operation, byId(machine.id), tag),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ ...state, machineTags: tags });
			expect(simulator.machines.get(machine.id)?.machineTags).toEqual(tags);
		},
	);

	it('finds the device by its computer name first (that read gives its tags), and trims the tag', async () => {
		await start();
		const machine = machineAt(2);

		const { items, error } = await runDefenderNode({
			parameters: tagParameters('addTag', byName(machine.computerDnsName), '  Tier0 '),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			'GET /api/machines',
			`POST /api/machines/${machine.id}/tags`,
		]);
		expect(JSON.parse(tagCalls()[0].body)).toEqual({ Value: 'Tier0', Action: 'Add' });
		expect(items[0].json).toMatchObject({ tagAlreadyPresent: false });
	});

	it("tags each input item's device once", async () => {
		await start();
		const machines = [machineAt(0), machineAt(1), machineAt(2)];

		const { items, error } = await runDefenderNode({
			parameters: tagParameters('addTag', byId('={{ $json.deviceId }}'), 'Tier0'),
			items: machines.map((machine) => ({ deviceId: machine.id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(
			tagCalls()
				.map((request) => request.path)
				.sort(),
		).toEqual(machines.map((machine) => `/api/machines/${machine.id}/tags`).sort());
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('says which device Defender did not find (404)', async () => {
		await start();
		const unknown = 'c'.repeat(40);

		const { error } = await runDefenderNode({
			parameters: tagParameters('addTag', byId(unknown), 'Tier0'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`Device ${unknown} was not found`);
	});

	it('names Machine.ReadWrite.All when the app may only read devices (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });
		const machine = machineAt(0);

		const { error } = await runDefenderNode({
			parameters: tagParameters('removeTag', byId(machine.id), 'Finance'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to remove tag "Finance" from device ${machine.id}`,
		);
		expect(error?.description).toContain('Machine.ReadWrite.All');
		expect(simulator.machines.get(machine.id)?.machineTags).toEqual(['Finance']);
	});

	it.each([
		['an empty tag', byId('a'.repeat(40)), '  ', 'Tag is empty'],
		[
			'a tag with a line break',
			byId('a'.repeat(40)),
			'Tier0\nFinance',
			'Tag must not contain control characters',
		],
		['a tag that is not text', byId('a'.repeat(40)), '={{ { "Value": "x" } }}', 'Tag is empty'],
		[
			'a path in the device id',
			byId(`={{ '${'a'.repeat(40)}/../../machineactions' }}`),
			'Tier0',
			'Device ID must be',
		],
		[
			'an OData injection in a name',
			byName("x' or computerDnsName ne 'y"),
			'Tier0',
			'Device name must be a computer DNS name',
		],
	])('refuses %s before sending anything', async (_label, machineId, tag, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: tagParameters('addTag', machineId, tag),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it.each([
		['addTag', 'Tier0', ['Finance', 'Tier0']],
		['removeTag', 'Finance', []],
	] as const)(
		'%s: after a lost answer, reads the device and does not send the change again when it was applied',
		async (operation, tag, tags) => {
			await start();
			const machine = machineAt(0);
			simulator.injectFault({ method: 'POST', path: /\/tags$/, applyThenDrop: true, times: 1 });

			const { items, error } = await runDefenderNode({
				parameters: tagParameters(operation, byId(machine.id), tag),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(requestLines(simulator)).toEqual([
				`GET /api/machines/${machine.id}`,
				`POST /api/machines/${machine.id}/tags`,
				`GET /api/machines/${machine.id}`,
			]);
			expect(items[0].json).toMatchObject({ id: machine.id, machineTags: tags });
			// The change was this run's: the device did not show it before.
			expect(items[0].json.tagAlreadyPresent ?? items[0].json.tagWasAbsent).toBe(false);
		},
	);

	it('sends the change again after a lost answer when the device shows it was not applied', async () => {
		await start();
		const machine = machineAt(0);
		simulator.injectFault({ method: 'POST', path: /\/tags$/, reset: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: tagParameters('addTag', byId(machine.id), 'Tier0'),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`GET /api/machines/${machine.id}`,
			`POST /api/machines/${machine.id}/tags`,
			`GET /api/machines/${machine.id}`,
			`POST /api/machines/${machine.id}/tags`,
		]);
		expect(items[0].json).toMatchObject({ machineTags: ['Finance', 'Tier0'] });
	});

	it('does not resend a tag change after a server error: the change may have been made', async () => {
		await start();
		const machine = machineAt(0);
		simulator.injectFault({ method: 'POST', path: /\/tags$/, status: 500, times: 1 });

		const { error } = await runDefenderNode({
			parameters: tagParameters('addTag', byId(machine.id), 'Tier0'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('Defender failed with HTTP 500');
		expect(tagCalls()).toHaveLength(1);
	});
});
