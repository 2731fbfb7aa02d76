import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { requestLines, runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(3);
};
const machineAt = (index: number) => [...simulator.machines.values()][index];
const EVENT_TIME = '2026-11-30T16:45:21.7115183Z';
/** The alert's fields: the node's parameters, and the body Defender must receive (with the device's id). */
const FIELDS = {
	eventTime: EVENT_TIME,
	reportId: '20776',
	severity: 'High',
	category: 'Execution',
	title: 'Hash from INC-42 ran',
	description: 'Seen by the hunting playbook',
	recommendedAction: 'Isolate the device',
};
const create = (overrides: Record<string, unknown> = {}) =>
	runOnSimulator(simulator, {
		resource: 'alert',
		operation: 'createByReference',
		machineId: { __rl: true, mode: 'name', value: machineAt(1).computerDnsName },
		...FIELDS,
		...overrides,
	});
const posts = () => simulator.apiRequests().filter((request) => request.method === 'POST');
const alertsTitled = (title: string) =>
	[...simulator.alerts.values()].filter((alert) => alert.title === title);

describe('Alert → Create by Reference', () => {
	it('sends every field Defender requires, the event time to the tick, and outputs the alert', async () => {
		await start();
		const { items, error } = await create();

		expect(error).toBeUndefined();
		expect(JSON.parse(posts()[0].body)).toEqual({ machineId: machineAt(1).id, ...FIELDS });
		expect(alertsTitled('Hash from INC-42 ran')).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			title: 'Hash from INC-42 ran',
			machineId: machineAt(1).id,
		});
	});

	it('after a lost answer finds the alert Defender raised, and never raises a second', async () => {
		await start();
		simulator.injectFault({
			method: 'POST',
			path: /CreateAlertByReference$/,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await create();

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(requestLines(simulator).slice(-1)).toEqual([
			`GET /api/machines/${machineAt(1).id}/alerts`,
		]);
		const [raised] = alertsTitled('Hash from INC-42 ran');
		expect(items[0].json.id).toBe(raised.id);
	});

	it('sends a lost request again when Defender never took it', async () => {
		await start();
		simulator.injectFault({
			method: 'POST',
			path: /CreateAlertByReference$/,
			reset: true,
			times: 1,
		});

		const { error } = await create();

		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(alertsTitled('Hash from INC-42 ran')).toHaveLength(1);
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
		const { error } = await create();

		expect(error?.description).toContain('Alert.ReadWrite.All');
	});

	it.each([
		[{ eventTime: '2026-11-30 16:45' }, 'Event Time must be', '"2026-11-30 16:45"'],
		[{ reportId: '20776; drop' }, 'Report ID must be', '"20776; drop"'],
		[{ title: "={{ ' ' }}" }, 'Title is empty', 'Title'],
		[
			{ machineId: { __rl: true, mode: 'id', value: "={{ 'abc' }}" } },
			'Device ID must be',
			'"abc"',
		],
	])('refuses %j with nothing sent', async (overrides, problem, value) => {
		await start();
		const { error } = await create(overrides);

		expect(error?.message).toContain(problem);
		expect(error?.message).toContain(value);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
