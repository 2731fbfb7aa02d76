import type { INodeParameters } from 'n8n-workflow';

import {
	ACTION_WAIT,
	LIVE_RESPONSE_WAIT,
	waitEndedReason,
} from '../../../nodes/MicrosoftDefenderEndpoint/actions/machineAction/waitReason';
import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

describe('waitEndedReason', () => {
	it('says an action still running at the timeout goes on in Defender', () => {
		expect(waitEndedReason({ status: 'InProgress' }, 120_000, ACTION_WAIT)).toBe(
			'The action was still InProgress when the wait ended after 120 s (the Final Status Timeout): it goes on in Defender; follow it with Device Action → Get later, or raise the timeout.',
		);
	});

	it('adds that the last status check failed, when it did', () => {
		expect(waitEndedReason({ status: 'Pending' }, 4_000, LIVE_RESPONSE_WAIT, 'HTTP 403')).toMatch(
			/ The node's last status check failed \(HTTP 403\), so the status may be out of date\.$/,
		);
	});
});

describe('A launch whose wait ends without a final status', () => {
	let simulator: DefenderSimulator;
	afterEach(async () => {
		jest.restoreAllMocks();
		await simulator.close();
	});

	it('says why on the item: the device has not picked the action up', async () => {
		const clock = useFakeNodeClock();
		// Without a lifecycle, the simulator leaves launched actions Pending, as an offline device does.
		simulator = await startDefenderSimulator({ now: clock.now });
		const [machine] = simulator.seedMachines(1);
		const parameters: INodeParameters = {
			resource: 'machine',
			operation: 'isolate',
			machineId: { __rl: true, mode: 'id', value: machine.id },
			comment: 'Case 42',
			options: { waitForFinalStatus: true, finalStatusTimeoutSeconds: 3, pollIntervalSeconds: 1 },
		};

		const { items, error } = await runDefenderNode({
			parameters,
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'Pending',
			reachedFinalStatus: false,
			waitedForFinalStatusSeconds: 3,
			waitEndedReason:
				'The device has not picked up the action in 3 s: it may be offline. The action stays Pending in Defender; follow it with Device Action → Get later.',
		});
	});
});
