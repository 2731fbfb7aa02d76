import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const start = async () => {
	const clock = useFakeNodeClock();
	simulator = await startDefenderSimulator({ now: clock.now });
	simulator.seedMachines(5);
	simulator.addLibraryFile({ fileName: 'collector.ps1', content: 'Write-Output "ok"\r\nexit 3' });
	return clock;
};

const machineAt = (index: number) => [...simulator.machines.values()][index];
const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const liveResponse = (machineId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'machine',
	operation: 'runLiveResponse',
	machineId: byId(machineId),
	comment: 'Case 42: triage',
	commands: { command: [{ type: 'RunScript', scriptName: 'collector.ps1', arguments: '' }] },
	...extra,
});
const run = async (parameters: INodeParameters, typeVersion = 1.3) =>
	await runDefenderNode({
		parameters,
		credential: simulatorCredential(simulator),
		typeVersion,
	});
const postStatuses = () =>
	simulator
		.apiRequests()
		.filter((request) => request.method === 'POST')
		.map((request) => request.status);

/** Another session on the device: an earlier run's, left running (not waited for); it ends 3 s after it was made. */
const otherSession = async (machineId: string) => {
	const { items } = await run(
		liveResponse(machineId, { comment: 'Case 41', options: { waitForFinalStatus: false } }),
	);
	return String(items[0].json.id);
};

describe('Run Live Response on a busy device', () => {
	it("waits, by default in a new node, for the other session to end, then runs this item's commands", async () => {
		await start();
		const machine = machineAt(0);
		const otherId = await otherSession(machine.id);

		const { items, error } = await run(liveResponse(machine.id));

		expect(error).toBeUndefined();
		// The earlier run's launch, this item's refused launch, then this item's own once the device was free.
		expect(postStatuses()).toEqual([201, 400, 201]);
		const json = items[0].json;
		expect(json.id).not.toBe(otherId);
		expect(json).toMatchObject({
			status: 'Succeeded',
			alreadyPending: false,
			commandsFrom: 'thisItem',
			requestorComment: 'Case 42: triage',
			waitedForSessions: [{ id: otherId, status: 'Succeeded' }],
		});
		expect((json.commandResults as IDataObject[])[0]).toMatchObject({ exitCode: 3 });
		expect(simulator.actions.get(otherId)?.status).toBe('Succeeded');
	});

	it('fails the item when the other session is still running at the Final Status Timeout, having run nothing', async () => {
		await start();
		const machine = machineAt(0);
		const stuck = simulator.addAction({
			type: 'LiveResponse',
			machineId: machine.id,
			computerDnsName: machine.computerDnsName,
			status: 'InProgress',
			requestor: 'analyst@contoso.com',
		});

		const { items, error } = await run(
			liveResponse(machine.id, { options: { finalStatusTimeoutSeconds: 30 } }),
		);

		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			`Another live response session (action ${stuck.id}, InProgress, requested by analyst@contoso.com) was still running on device ${machine.id} when the Final Status Timeout of 30 s ended: this item's commands were not run`,
		);
		expect(postStatuses()).toEqual([400]);
	});

	it('fails the item at once with Fail the Item', async () => {
		await start();
		const machine = machineAt(0);
		const otherId = await otherSession(machine.id);

		const { items, error } = await run(liveResponse(machine.id, { whenSessionRunning: 'fail' }));

		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			new RegExp(
				`^Another live response session \\(action ${otherId}, (Pending|InProgress), requested by .+\\) is running on device .+: this item's commands were not run$`,
			),
		);
		expect(postStatuses()).toEqual([201, 400]);
	});

	it.each([
		['Return the Running Session in version 1.3', { whenSessionRunning: 'returnRunning' }, 1.3],
		['a saved workflow of version 1.2, by default', {}, 1.2],
	])(
		'%s outputs the other session, saying its commands are not this item’s',
		async (_label, extra, version) => {
			await start();
			const machine = machineAt(0);
			const otherId = await otherSession(machine.id);

			const { items, error } = await run(liveResponse(machine.id, extra), version);

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				id: otherId,
				alreadyPending: true,
				commandsFrom: 'otherSession',
			});
			expect(items[0].json).not.toHaveProperty('commandResults');
			expect(postStatuses()).toEqual([201, 400]);
		},
	);
});

describe('A live response wait that ends without a final status', () => {
	it('says in one sentence that the device has not picked the session up', async () => {
		await start();
		const offline = machineAt(4);

		const { items, error } = await run(
			liveResponse(offline.id, {
				options: { finalStatusTimeoutSeconds: 4, pollIntervalSeconds: 1 },
			}),
		);

		expect(error).toBeUndefined();
		expect(offline.healthStatus).toBe('Inactive');
		expect(items[0].json).toMatchObject({
			status: 'Pending',
			reachedFinalStatus: false,
			commandsFrom: 'thisItem',
			waitedForFinalStatusSeconds: 4,
			waitEndedReason:
				'The device has not picked up the live response session in 4 s: it may be offline. The live response session stays Pending in Defender; cancel it or run Device Action → Get Live Response Result later.',
		});
	});
});
