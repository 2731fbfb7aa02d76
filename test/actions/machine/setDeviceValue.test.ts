import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { requestLines, runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(2);
};
const machineAt = (index: number) => [...simulator.machines.values()][index];
const setValue = (machineId: string, deviceValue: string) =>
	runOnSimulator(simulator, {
		resource: 'machine',
		operation: 'setDeviceValue',
		machineId: { __rl: true, mode: 'id', value: machineId },
		deviceValue,
	});

describe('Device → Set Device Value', () => {
	it('posts DeviceValue and outputs the updated device', async () => {
		await start();
		const machine = machineAt(0);

		const { items, error } = await setValue(machine.id, 'High');

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`POST /api/machines/${machine.id}/setDeviceValue`]);
		expect(JSON.parse(simulator.apiRequests()[0].body)).toEqual({ DeviceValue: 'High' });
		expect(items[0].json).toMatchObject({ id: machine.id, deviceValue: 'High' });
		expect(machineAt(0).deviceValue).toBe('High');
	});

	it('refuses a value Defender does not take, with nothing sent', async () => {
		await start();
		const { error } = await setValue(machineAt(0).id, "={{ 'Critical' }}");

		expect(error?.message).toBe('Device Value must be one of Low, Normal, High, got "Critical"');
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('names Machine.ReadWrite.All when the app lacks it (403)', async () => {
		await start({
			apps: [
				{
					...DEFAULT_APP,
					roles: DEFAULT_APP.roles.filter((role) => role !== 'Machine.ReadWrite.All'),
				},
			],
		});
		const { error } = await setValue(machineAt(0).id, 'Low');

		expect(error?.description).toContain('Machine.ReadWrite.All');
	});

	it('says which device Defender does not know (404)', async () => {
		await start();
		const { error } = await setValue('d'.repeat(40), 'Low');

		expect(error?.message).toBe(`Device ${'d'.repeat(40)} was not found`);
	});
});
