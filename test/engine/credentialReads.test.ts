import type { IDataObject } from 'n8n-workflow';

import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../harness/engine';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

/** A SHA-256 per item, each different. */
const sha256Of = (index: number) => `f${index.toString(16).padStart(63, '0')}`;

/**
 * In n8n each credential read is a database read and a decryption. n8n's routing reads the
 * credential once per node run, and its OAuth2 layer once per request it sends; the node itself
 * reads it once per run, not once per item (it did: 1,200 items made 1,200 more reads).
 */
describe('The credential is read once per node run, not once per item', () => {
	it('1,200 Create Many items: 3 import calls and 5 credential reads', async () => {
		simulator = await startDefenderSimulator();
		const items: IDataObject[] = Array.from({ length: 1_200 }, (_, index) => ({
			sha256: sha256Of(index),
		}));

		const {
			items: output,
			error,
			credentials,
		} = await runDefenderNode({
			parameters: {
				resource: 'indicator',
				operation: 'import',
				indicatorType: 'FileSha256',
				indicatorValue: '={{ $json.sha256 }}',
				action: 'Block',
				title: 'Bulk block',
				description: 'From the bulk test',
			},
			items,
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1_200);
		expect(simulator.indicators.size).toBe(1_200);
		const requests = simulator.apiRequests().length;
		expect(requests).toBe(3);
		// One read by n8n's routing for the run, one by the node for the run, one per request by n8n's OAuth2 layer.
		expect(credentials.reads).toBe(1 + 1 + requests);
	});

	it('40 Device → Get items: one read by the node for all of them', async () => {
		simulator = await startDefenderSimulator();
		const [machine] = simulator.seedMachines(1);

		const { items, error, credentials } = await runDefenderNode({
			parameters: {
				resource: 'machine',
				operation: 'get',
				machineId: { __rl: true, mode: 'id', value: machine.id },
			},
			items: Array.from({ length: 40 }, () => ({})),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(40);
		expect(simulator.apiRequests()).toHaveLength(40);
		expect(credentials.reads).toBe(1 + 1 + 40);
	});
});
