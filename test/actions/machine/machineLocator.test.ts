import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runDefenderNode, searchList, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(3);
});
afterEach(async () => await simulator.close());

const machineAt = (index: number) => [...simulator.machines.values()][index];
describe('Device parameter', () => {
	it('takes a device ID under Name (kept when switching from the list) as the device ID', async () => {
		const machine = machineAt(1);

		const { items, error } = await runDefenderNode({
			parameters: {
				resource: 'machine',
				operation: 'get',
				machineId: { __rl: true, mode: 'name', value: ` ${machine.id.toUpperCase()} ` },
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/machines/${machine.id}`]);
		expect(items[0].json.id).toBe(machine.id);
	});

	it('says what a device ID is and how long the typed value is, and sends nothing', async () => {
		const { error } = await runDefenderNode({
			parameters: {
				resource: 'machine',
				operation: 'get',
				machineId: { __rl: true, mode: 'id', value: '={{ $json.deviceId }}' },
			},
			items: [{ deviceId: 'f7c8e1' }],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			'Device ID must be a Defender device ID, 40 hexadecimal characters such as 1e5bc9d7e413ddd7902c2932e418702b84d0cc07; got "f7c8e1" (6 characters). To use a computer name, choose "Name".',
		);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});

describe('Device picker', () => {
	const search = async (filter: string) =>
		await searchList({
			method: 'searchMachines',
			parameter: 'machineId',
			filter,
			parameters: {
				resource: 'machine',
				operation: 'get',
				machineId: { __rl: true, mode: 'list', value: '' },
			},
			credential: simulatorCredential(simulator),
		});

	it('searches by the start of the computer name', async () => {
		const machine = machineAt(2);

		const result = await search(
			machine.computerDnsName.slice(0, machine.computerDnsName.indexOf('.')),
		);

		expect(result.results.map((entry) => entry.value)).toEqual([machine.id]);
		expect(simulator.apiRequests()[0].query.$filter).toMatch(/^startswith\(computerDnsName,'/);
	});

	it('finds a device by a pasted device ID', async () => {
		const machine = machineAt(0);

		const result = await search(machine.id.toUpperCase());

		expect(result.results.map((entry) => entry.value)).toEqual([machine.id]);
		expect(simulator.apiRequests()[0].query.$filter).toBe(`id eq '${machine.id}'`);
	});
});
