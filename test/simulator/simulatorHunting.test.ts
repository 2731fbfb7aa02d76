import { runKql } from '../../simulator/stores/graph/hunting';
import { MachineStore } from '../../simulator/stores/machines';
import { SAMPLE_HASH_MACHINES, SAMPLE_SHA256 } from '../../simulator/server';

const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);
const byHash = `DeviceProcessEvents | where SHA256 == "${SAMPLE_SHA256}" | project DeviceId, DeviceName`;

describe('Simulator hunting sample', () => {
	it('names machines seedMachines creates, by their ids and names, so a hunt can isolate them', () => {
		const machines = new MachineStore().seed(10);
		const device = (index: number) => ({
			DeviceId: machines[index].id,
			DeviceName: machines[index].computerDnsName,
		});

		const lastWeek = runKql(byHash, 'P7D', NOW).results;
		const lastMonth = runKql(byHash, 'P30D', NOW).results;

		expect(lastWeek).toEqual([6, 7, 8, 6].map(device));
		expect([...new Set(lastWeek.map((row) => row.DeviceId))]).toEqual(
			SAMPLE_HASH_MACHINES.map((index) => machines[index].id),
		);
		expect(lastMonth).toEqual([6, 7, 8, 6, 9].map(device));
	});

	it('matches the hash in any case with =~ and finds nothing for a hash no device ran', () => {
		const upper = byHash.replace('==', '=~').replace(SAMPLE_SHA256, SAMPLE_SHA256.toUpperCase());

		expect(runKql(upper, 'P7D', NOW).results).toHaveLength(4);
		expect(runKql(byHash.replace(SAMPLE_SHA256, 'b'.repeat(64)), 'P7D', NOW).results).toEqual([]);
	});
});
