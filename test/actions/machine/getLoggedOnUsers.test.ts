import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { loggedOnUsersOf } from '../../../simulator/stores/machines';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	// A seeded device's lastSeen follows the simulator's clock: held still, the answer and
	// loggedOnUsersOf(machine) read the same time.
	const now = Date.now();
	simulator = await startDefenderSimulator({ now: () => now, ...options });
	simulator.seedMachines(3);
};
afterEach(async () => await simulator.close());

const machineAt = (index: number) => [...simulator.machines.values()][index];
const getLoggedOnUsers = (machineId: INodeParameterResourceLocator) => ({
	resource: 'machine',
	operation: 'getLoggedOnUsers',
	machineId,
});
const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const byName = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'name',
	value,
});

describe('Machine → Get Logged-On Users', () => {
	it('outputs one item per user Defender lists for the device', async () => {
		await start();
		const machine = machineAt(1);

		const { items, error } = await runDefenderNode({
			parameters: getLoggedOnUsers(byId(machine.id)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/machines/${machine.id}/logonusers`]);
		expect(items.map((item) => item.json)).toEqual(loggedOnUsersOf(machine));
		expect(items.length).toBeGreaterThan(0);
		expect(items[0].json).toMatchObject({
			accountName: expect.any(String),
			logonTypes: expect.any(String),
			isDomainAdmin: expect.any(Boolean),
		});
	});

	it('finds the device by its computer name first', async () => {
		await start();
		const machine = machineAt(2);

		const { items, error } = await runDefenderNode({
			parameters: getLoggedOnUsers(byName(machine.computerDnsName)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => request.path)).toEqual([
			'/api/machines',
			`/api/machines/${machine.id}/logonusers`,
		]);
		expect(items).toHaveLength(loggedOnUsersOf(machine).length);
	});

	it('says which device Defender did not find (404)', async () => {
		await start();
		const unknown = 'c'.repeat(40);

		const { error } = await runDefenderNode({
			parameters: getLoggedOnUsers(byId(unknown)),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`Device ${unknown} was not found`);
	});

	it('names User.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });
		const machine = machineAt(0);

		const { error } = await runDefenderNode({
			parameters: getLoggedOnUsers(byId(machine.id)),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to read the logged-on users of device ${machine.id}`,
		);
		expect(error?.description).toContain('User.Read.All');
	});

	it.each([
		[
			'a path in the device id',
			byId(`={{ '${'a'.repeat(40)}/../../machineactions' }}`),
			'Device ID must be',
		],
		[
			'an OData injection in a name',
			byName("x' or computerDnsName ne 'y"),
			'Device name must be a computer DNS name',
		],
	])('refuses %s before sending anything', async (_label, machineId, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getLoggedOnUsers(machineId),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
