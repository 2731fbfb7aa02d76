import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { requestLines, runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(4);
};
const machineAt = (index: number) => [...simulator.machines.values()][index];
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const startOn = (machineId: string, comment = 'INC-42: suspicious PowerShell') =>
	runOnSimulator(simulator, {
		resource: 'machine',
		operation: 'startInvestigation',
		machineId: byId(machineId),
		comment,
	});
const investigations = () => [...simulator.investigations.investigations.values()];
const posts = () => simulator.apiRequests().filter((request) => request.method === 'POST');

describe('Device → Start Automated Investigation', () => {
	it('posts the comment and outputs the investigation Defender started', async () => {
		await start();
		const machine = machineAt(0);

		const { items, error } = await startOn(machine.id);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`POST /api/machines/${machine.id}/startInvestigation`,
		]);
		expect(JSON.parse(posts()[0].body)).toEqual({ Comment: 'INC-42: suspicious PowerShell' });
		expect(investigations()).toHaveLength(1);
		expect(items.map((item) => item.json)).toEqual([investigations()[0]]);
		expect(items[0].json).toMatchObject({ state: 'Running', machineId: machine.id });
	});

	it('refuses an empty comment with nothing sent', async () => {
		await start();
		const { error } = await startOn(machineAt(0).id, "={{ '  ' }}");

		expect(error?.message).toContain('Comment is empty');
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('after a lost answer finds the investigation Defender started, and never starts a second', async () => {
		await start();
		const machine = machineAt(0);
		simulator.injectFault({
			method: 'POST',
			path: /startInvestigation$/,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await startOn(machine.id);

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(investigations()).toHaveLength(1);
		expect(items[0].json.id).toBe(investigations()[0].id);
		expect(requestLines(simulator)).toEqual([
			`POST /api/machines/${machine.id}/startInvestigation`,
			'GET /api/investigations',
		]);
		expect(simulator.apiRequests()[1].query.$filter).toMatch(
			new RegExp(`^machineId eq '${machine.id}' and startTime ge \\d{4}-`),
		);
	});

	it('sends a lost start again when Defender never took it', async () => {
		await start();
		simulator.injectFault({ method: 'POST', path: /startInvestigation$/, reset: true, times: 1 });

		const { error } = await startOn(machineAt(0).id);

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(investigations()).toHaveLength(1);
	});

	it('does not take an earlier investigation on the device for its own', async () => {
		await start();
		simulator.investigations.seed([machineAt(0)]);
		simulator.injectFault({ method: 'POST', path: /startInvestigation$/, reset: true, times: 1 });

		const { items } = await startOn(machineAt(0).id);

		expect(posts()).toHaveLength(2);
		expect(investigations()).toHaveLength(2);
		expect(items[0].json.state).toBe('Running');
	});

	it('names Alert.ReadWrite.All when the app lacks it (403)', async () => {
		await start({
			apps: [
				{
					...DEFAULT_APP,
					roles: DEFAULT_APP.roles.filter((role) => role !== 'Alert.ReadWrite.All'),
				},
			],
		});
		const { error } = await startOn(machineAt(0).id);

		expect(error?.description).toContain('Alert.ReadWrite.All');
	});

	it("says Defender's refusal on a device automated investigation does not support", async () => {
		await start();
		const linux = [...simulator.machines.values()].find(
			(machine) => machine.osPlatform === 'Linux',
		);

		const { error } = await startOn(linux?.id ?? '');

		expect(error?.message).toContain(`device ${linux?.id}`);
		expect(`${error?.message} ${error?.description}`).toContain('does not support Linux');
	});
});

describe('Investigation → Get, Get Many', () => {
	it('gets one by its ID, and refuses an ID that is not a number with nothing sent', async () => {
		await start();
		const [seeded] = simulator.investigations.seed([machineAt(1)]);

		const found = await runOnSimulator(simulator, {
			resource: 'investigation',
			operation: 'get',
			investigationId: seeded.id,
		});
		const refused = await runOnSimulator(simulator, {
			resource: 'investigation',
			operation: 'get',
			investigationId: '63000/../../machines',
		});

		expect(found.items.map((item) => item.json)).toEqual([seeded]);
		expect(refused.error?.message).toContain('Investigation ID must be a number such as 63017');
		expect(requestLines(simulator)).toEqual([`GET /api/investigations/${seeded.id}`]);
	});

	it('lists by state, device and start time in one $filter', async () => {
		await start();
		const seeded = simulator.investigations.seed([machineAt(0), machineAt(1), machineAt(0)]);

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'investigation',
			operation: 'getAll',
			returnAll: true,
			filters: {
				state: [seeded[2].state],
				machineId: machineAt(0).id,
				startedAfter: '2020-01-01T00:00:00Z',
			},
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe(
			`state eq '${seeded[2].state}' and machineId eq '${machineAt(0).id}' and startTime gt 2020-01-01T00:00:00.000Z`,
		);
		expect(items.map((item) => item.json.id)).toEqual([seeded[2].id]);
	});
});
