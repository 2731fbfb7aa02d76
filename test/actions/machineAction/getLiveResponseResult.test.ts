import type { INodeParameters } from 'n8n-workflow';

import { hostClock } from '../../../nodes/core/transport/hostClock';
import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	const clock = useFakeNodeClock();
	simulator = await startDefenderSimulator({
		now: clock.now,
		liveResponse: { startAfterMs: 1_000, commandMs: 2_000 },
		...options,
	});
	simulator.seedMachines(3);
	simulator.addLibraryFile({
		fileName: 'collector.ps1',
		content: 'Write-Output "collected"\nWrite-Error "partial"\nexit 1',
	});
	simulator.addLibraryFile({ fileName: 'tools.zip', content: 'PK' });
	simulator.addDeviceFile(
		[...simulator.machines.values()][0].id,
		'C:\\Windows\\Temp\\out.json',
		'{"found":1}',
	);
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

/** Launches put → script → get without waiting; the simulator's time then moves by `afterMs`. */
async function launchThenWait(afterMs: number, script = 'collector.ps1'): Promise<string> {
	const { items, error } = await runDefenderNode({
		parameters: {
			resource: 'machine',
			operation: 'runLiveResponse',
			machineId: { __rl: true, mode: 'id', value: [...simulator.machines.values()][0].id },
			comment: 'Case 42',
			commands: {
				command: [
					{ type: 'PutFile', fileName: 'tools.zip' },
					{ type: 'RunScript', scriptName: script },
					{ type: 'GetFile', path: 'C:\\Windows\\Temp\\out.json' },
				],
			},
			options: { waitForFinalStatus: false },
		},
		credential: simulatorCredential(simulator),
	});
	if (error) throw error;
	await hostClock.sleep(afterMs);
	simulator.requests.length = 0;
	return String(items[0].json.id);
}

const getResult = (
	machineActionId: string,
	commandIndex: number | string,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'machineAction',
	operation: 'getLiveResponseResult',
	machineActionId,
	commandIndex,
	...extra,
});

describe('Machine Action → Get Live Response Result', () => {
	it("reads a completed Run Script's exit code, output and errors", async () => {
		await start();
		const id = await launchThenWait(60_000);

		const { items, error } = await runDefenderNode({
			parameters: getResult(id, 1),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`GET /api/machineactions/${id}`,
			`GET /api/machineactions/${id}/GetLiveResponseResultDownloadLink(index=1)`,
		]);
		expect(items[0].json).toMatchObject({
			machineActionId: id,
			actionStatus: 'Succeeded',
			index: 1,
			type: 'RunScript',
			scriptName: 'collector.ps1',
			commandStatus: 'Completed',
			exitCode: 1,
			scriptErrors: 'partial',
		});
		expect(items[0].json.scriptOutput).toMatch(/\ncollected\n$/);
	});

	it('downloads a collected file into the binary field, without the Defender token', async () => {
		await start();
		const id = await launchThenWait(60_000);

		const { items } = await runDefenderNode({
			parameters: getResult(id, 2, { binaryPropertyName: 'evidence' }),
			credential: simulatorCredential(simulator),
		});

		expect(items[0].binary?.evidence).toMatchObject({
			fileName: 'out.json',
			mimeType: 'application/json',
		});
		expect(Buffer.from(items[0].binary?.evidence.data ?? '', 'base64').toString()).toBe(
			'{"found":1}',
		);
		expect(items[0].json).toMatchObject({
			path: 'C:\\Windows\\Temp\\out.json',
			fileName: 'out.json',
			fileSize: 11,
		});
		expect(simulator.downloadRequests).toHaveLength(1);
		expect(simulator.downloadRequests[0].headers.authorization).toBeUndefined();
	});

	it.each([
		['the action is still Pending', 0, 1, 'the command is Created'],
		['the command is running', 4_000, 1, 'the command is InProgress'],
		['the collection is next', 4_000, 2, 'the command is Created'],
	])(
		'says the result is not ready when %s, naming the command status',
		async (_label, afterMs, index, status) => {
			await start();
			const id = await launchThenWait(afterMs);

			const { error } = await runDefenderNode({
				parameters: getResult(id, index),
				credential: simulatorCredential(simulator),
			});

			expect(error?.message).toBe(
				`The result of command ${index} of live response action ${id} is not ready: ${status}`,
			);
			expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${id}`]);
		},
	);

	it('says a command skipped after a failure never ran', async () => {
		await start();
		const id = await launchThenWait(60_000, 'missing.ps1');

		const { error } = await runDefenderNode({
			parameters: getResult(id, 2),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`The result of command 2 of live response action ${id} is not ready: the command did not run to completion: it is Created and the action Failed`,
		);
	});

	it('asks for a fresh link once when the storage host refuses an expired one', async () => {
		await start({ liveResponse: { resultLinkLifetimeMs: 0 } });
		const id = await launchThenWait(60_000);

		const { error } = await runDefenderNode({
			parameters: getResult(id, 1),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`Could not download the result of command 1 of live response action ${id} from ${simulator.downloadOrigin}: HTTP 403`,
		);
		expect(error?.description).toContain('valid for 30 minutes');
		expect(simulator.downloadRequests).toHaveLength(2);
		expect(
			simulator.downloadRequests.every((request) => request.headers.authorization === undefined),
		).toBe(true);
	});

	it.each([
		['a Put File', 0, 'is a Put File, which has no result to get'],
		['an index past the end', 3, 'has no command 3: its commands are numbered 0 to 2'],
	])('refuses %s after reading the action', async (_label, index, problem) => {
		await start();
		const id = await launchThenWait(60_000);

		const { error } = await runDefenderNode({
			parameters: getResult(id, index),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${id}`]);
	});

	it('refuses an action that is not a live response', async () => {
		await start();
		const other = simulator.addAction({ type: 'Isolate', status: 'Succeeded' });

		const { error } = await runDefenderNode({
			parameters: getResult(other.id, 0),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`Machine action ${other.id} is of type Isolate, not a live response`,
		);
	});

	it.each([
		[
			'a path in the action id',
			getResult('00000000-0000-0000-0000-000000000000/../../machines', 0),
			'Device Action ID must be a GUID',
		],
		[
			'a negative index',
			getResult('00000000-0000-0000-0000-000000000000', -1),
			'Command Index must be a whole number',
		],
		[
			'an index with a query',
			getResult('00000000-0000-0000-0000-000000000000', '1)?x=1'),
			'Command Index must be a whole number',
		],
		[
			'a field name with a path',
			getResult('00000000-0000-0000-0000-000000000000', 0, { binaryPropertyName: '../x' }),
			'Put Output File in Field must be',
		],
	])('refuses %s before sending anything', async (_label, parameters, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters,
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
