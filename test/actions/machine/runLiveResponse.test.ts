import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { DEMO_LIBRARY_SCRIPT, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;

const COLLECTOR = [
	'Write-Output "Collecting on $env:COMPUTERNAME with $args"',
	'Write-Output "3 suspicious processes"',
	'Write-Output "done" | Out-File -FilePath "C:\\Windows\\Temp\\triage.txt"',
	'Write-Error "could not read the event log"',
	'exit 3',
].join('\r\n');

const start = async (options: SimulatorOptions = {}) => {
	const clock = useFakeNodeClock();
	simulator = await startDefenderSimulator({ now: clock.now, ...options });
	simulator.seedMachines(5);
	simulator.addLibraryFile({
		fileName: 'collector.ps1',
		content: COLLECTOR,
		description: 'IR collector',
		hasParameters: true,
		parametersDescription: '-Full',
	});
	simulator.addLibraryFile({ fileName: 'tools.zip', content: 'PK' });
	return clock;
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const machineAt = (index: number) => [...simulator.machines.values()][index];
const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });

type Command = {
	type: string;
	scriptName?: string;
	arguments?: string;
	path?: string;
	fileName?: string;
};
const put = (fileName: string): Command => ({ type: 'PutFile', fileName });
const script = (scriptName: string, args = ''): Command => ({
	type: 'RunScript',
	scriptName,
	arguments: args,
});
const getFile = (path: string): Command => ({ type: 'GetFile', path });

const run = (
	commands: Command[],
	extra: INodeParameters = {},
	machine = machineAt(0).id,
): INodeParameters => ({
	resource: 'machine',
	operation: 'runLiveResponse',
	machineId: byId(machine),
	comment: 'Case 42: triage',
	commands: { command: commands },
	...extra,
});

const posted = () => simulator.apiRequests().filter((request) => request.method === 'POST');
const liveResponses = () =>
	[...simulator.actions.values()].filter((action) => action.type === 'LiveResponse');
const results = (json: IDataObject) => json.commandResults as IDataObject[];

describe('Machine → Run Live Response', () => {
	it.each([
		[
			'Put File',
			[put('tools.zip')],
			[{ type: 'PutFile', params: [{ key: 'FileName', value: 'tools.zip' }] }],
		],
		[
			'Run Script',
			[script('collector.ps1', '-Full')],
			[
				{
					type: 'RunScript',
					params: [
						{ key: 'ScriptName', value: 'collector.ps1' },
						{ key: 'Args', value: '-Full' },
					],
				},
			],
		],
		[
			'Run Script without arguments',
			[script('collector.ps1')],
			[{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'collector.ps1' }] }],
		],
		[
			'Get File',
			[getFile('C:\\Windows\\System32\\drivers\\etc\\hosts')],
			[
				{
					type: 'GetFile',
					params: [{ key: 'Path', value: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }],
				},
			],
		],
	])(
		'%s: sends the command as data, waits by default and outputs its status',
		async (_label, commands, expected) => {
			await start();

			const { items, error } = await runDefenderNode({
				parameters: run(commands),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(JSON.parse(posted()[0].body)).toEqual({
				Comment: 'Case 42: triage',
				Commands: expected,
			});
			expect(posted()[0].path).toBe(`/api/machines/${machineAt(0).id}/runliveresponse`);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				type: 'LiveResponse',
				status: 'Succeeded',
				reachedFinalStatus: true,
				alreadyPending: false,
			});
			expect(results(items[0].json)).toEqual([
				expect.objectContaining({
					index: 0,
					type: expected[0].type,
					commandStatus: 'Completed',
					errors: [],
				}),
			]);
		},
	);

	it('parses a Run Script result from the fields Defender writes: exit code, output without padding, errors', async () => {
		await start();

		const { items } = await runDefenderNode({
			parameters: run([script('collector.ps1', '-Full')]),
			credential: simulatorCredential(simulator),
		});

		const [result] = results(items[0].json);
		expect(result).toMatchObject({
			scriptName: 'collector.ps1',
			arguments: '-Full',
			exitCode: 3,
			scriptErrors: 'could not read the event log',
		});
		expect(result.scriptOutput).toMatch(/^Transcript started, output file is /);
		expect(result.scriptOutput).toContain(
			'Collecting on desktop-000 with -Full\n3 suspicious processes\n',
		);
		expect(result.scriptOutput).not.toContain('\u0000');
	});

	it('downloads a collected file into a binary field named after its command, without the Defender token', async () => {
		await start();
		simulator.addDeviceFile(
			machineAt(0).id,
			'C:\\Users\\Public\\evil.zip',
			Buffer.from('PK\u0003\u0004payload', 'binary'),
		);

		const { items } = await runDefenderNode({
			parameters: run([
				put('tools.zip'),
				getFile('C:\\Users\\Public\\evil.zip'),
				getFile('C:\\Windows\\System32\\drivers\\etc\\hosts'),
			]),
			credential: simulatorCredential(simulator),
		});

		expect(Object.keys(items[0].binary ?? {})).toEqual(['file_1', 'file_2']);
		expect(items[0].binary?.file_1).toMatchObject({
			fileName: 'evil.zip',
			mimeType: 'application/zip',
		});
		expect(Buffer.from(items[0].binary?.file_1.data ?? '', 'base64').toString('binary')).toBe(
			'PK\u0003\u0004payload',
		);
		expect(items[0].binary?.file_2).toMatchObject({
			fileName: 'hosts',
			mimeType: 'application/octet-stream',
		});
		expect(results(items[0].json)[1]).toMatchObject({
			fileName: 'evil.zip',
			fileSize: 11,
			binaryProperty: 'file_1',
		});
		expect(simulator.downloadRequests.map((request) => request.path)).toEqual([
			`/liveresponse/${String(items[0].json.id)}-1`,
			`/liveresponse/${String(items[0].json.id)}-2`,
		]);
		expect(
			simulator.downloadRequests.every((request) => request.headers.authorization === undefined),
		).toBe(true);
		expect(JSON.stringify(items[0].json)).not.toContain('sig=');
	});

	it('runs a mixed list in order: puts the tool, runs the script, collects the file the script wrote', async () => {
		await start();

		const { items } = await runDefenderNode({
			parameters: run(
				[put('tools.zip'), script('collector.ps1'), getFile('C:\\Windows\\Temp\\triage.txt')],
				{ options: { binaryPropertyPrefix: 'evidence' } },
			),
			credential: simulatorCredential(simulator),
		});

		expect(results(items[0].json).map((result) => [result.type, result.commandStatus])).toEqual([
			['PutFile', 'Completed'],
			['RunScript', 'Completed'],
			['GetFile', 'Completed'],
		]);
		expect(Buffer.from(items[0].binary?.evidence2.data ?? '', 'base64').toString()).toContain(
			'3 suspicious processes',
		);
		expect(items[0].binary?.evidence2.mimeType).toBe('text/plain');
	});

	it('runs the script npm start seeds, and collects the report it writes', async () => {
		await start();
		simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);

		const { items } = await runDefenderNode({
			parameters: run([
				script('collect-triage.ps1', 'case-42'),
				getFile('C:\\Windows\\Temp\\triage.txt'),
			]),
			credential: simulatorCredential(simulator),
		});

		expect(results(items[0].json)[0]).toMatchObject({ exitCode: 0, scriptErrors: '' });
		expect(results(items[0].json)[0].scriptOutput).toContain(
			'Triage of desktop-000 for case case-42',
		);
		expect(Buffer.from(items[0].binary?.file_1.data ?? '', 'base64').toString()).toContain(
			'Listening ports: 135, 445, 3389, 4444',
		);
	});

	it('reports a failing middle command with its errors, and the command it skipped as not run', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: run([
				put('tools.zip'),
				script('missing.ps1'),
				getFile('C:\\Windows\\System32\\drivers\\etc\\hosts'),
			]),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Failed', reachedFinalStatus: true });
		const [first, second, third] = results(items[0].json);
		expect(first).toMatchObject({ commandStatus: 'Completed' });
		expect(second).toMatchObject({
			commandStatus: 'Failed',
			errors: ['missing.ps1 was not found in the live response library'],
		});
		expect(second.resultError).toBe(
			'No result: the command is Failed (missing.ps1 was not found in the live response library)',
		);
		expect(third).toMatchObject({
			commandStatus: 'Created',
			resultError:
				'No file: the command did not run to completion: it is Created and the action Failed',
		});
		expect(simulator.downloadRequests).toHaveLength(0);
		expect(items[0].binary).toBeUndefined();
	});

	it('reports the live response already running on the device as pending, without waiting or sending again', async () => {
		await start();
		const machine = machineAt(1);
		const other = simulator.addAction({
			type: 'LiveResponse',
			machineId: machine.id,
			computerDnsName: machine.computerDnsName,
			status: 'InProgress',
		});

		const { items, error } = await runDefenderNode({
			parameters: run([script('collector.ps1')], {}, machine.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: other.id,
			status: 'InProgress',
			alreadyPending: true,
		});
		expect(items[0].json).not.toHaveProperty('commandResults');
		expect(posted()).toHaveLength(1);
		expect(posted()[0].status).toBe(400);
		expect(liveResponses()).toHaveLength(1);
	});

	it('finds the action a launch created when its answer was lost, and does not send it again', async () => {
		await start();
		simulator.injectFault({ path: /\/runliveresponse$/, applyThenDrop: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: run([script('collector.ps1')]),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(liveResponses()).toHaveLength(1);
		expect(posted()).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: liveResponses()[0].id,
			alreadyPending: false,
			status: 'Succeeded',
		});
		expect(results(items[0].json)[0]).toMatchObject({ exitCode: 3 });
	});

	it('asks once more for a result link that expired, then reports the download failure on its command', async () => {
		await start({ liveResponse: { resultLinkLifetimeMs: 0 } });

		const { items, error } = await runDefenderNode({
			parameters: run([script('collector.ps1')]),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Succeeded' });
		expect(results(items[0].json)[0].resultError).toBe(
			`Could not download the result of command 0 of live response action ${String(items[0].json.id)} from ${simulator.downloadOrigin}: HTTP 403`,
		);
		expect(
			simulator
				.apiRequests()
				.filter((request) => request.path.includes('GetLiveResponseResultDownloadLink')),
		).toHaveLength(2);
		expect(simulator.downloadRequests.map((request) => request.status)).toEqual([403, 403]);
	});

	it('outputs the Pending action when Wait for Final Status is off, reading no results', async () => {
		await start();

		const { items } = await runDefenderNode({
			parameters: run([script('collector.ps1')], { options: { waitForFinalStatus: false } }),
			credential: simulatorCredential(simulator),
		});

		expect(items[0].json).toMatchObject({ status: 'Pending', alreadyPending: false });
		expect(results(items[0].json)).toEqual([expect.objectContaining({ commandStatus: 'Created' })]);
		expect(results(items[0].json)[0]).not.toHaveProperty('resultError');
		expect(simulator.apiRequests().map((request) => request.method)).toEqual(['POST']);
	});

	it('stops waiting for an offline device at the timeout, with the action still Pending', async () => {
		await start();
		const offline = machineAt(4);

		const { items } = await runDefenderNode({
			parameters: run(
				[script('collector.ps1')],
				{ options: { finalStatusTimeoutSeconds: 60 } },
				offline.id,
			),
			credential: simulatorCredential(simulator),
		});

		expect(offline.healthStatus).toBe('Inactive');
		expect(items[0].json).toMatchObject({
			status: 'Pending',
			reachedFinalStatus: false,
			waitedForFinalStatusSeconds: 60,
		});
		expect(results(items[0].json)[0].resultError).toBe('No result: the command is Created');
	});

	it.each([
		['an empty list', [], 'Commands is empty'],
		[
			'a script name with a path',
			[script('..\\..\\Windows\\evil.ps1')],
			'Command 1: Script Name must be a live response library file name',
		],
		[
			'a script name with a second command',
			[script('collector.ps1; Remove-Item C:\\*')],
			'Command 1: Script Name must be',
		],
		['a file name with a path', [put('/etc/passwd')], 'Command 1: File Name must be'],
		[
			'arguments over two lines',
			[script('collector.ps1', '-Full\nRemove-Item C:\\')],
			'Command 1: Arguments must be one line',
		],
		['a relative path', [getFile('Temp\\out.zip')], 'Command 1: Path must be a full file path'],
		[
			'a wildcard path',
			[getFile('C:\\Users\\*\\NTUSER.DAT')],
			'Command 1: Path must be a full file path',
		],
		[
			'a path climbing out',
			[getFile('C:\\Windows\\Temp\\..\\..\\secrets.txt')],
			'Command 1: Path must not contain . or .. segments',
		],
		[
			'a path with a NUL',
			[getFile('C:\\Windows\\Temp\\a.txt\u0000.zip')],
			'Command 1: Path must be a full file path',
		],
		['a folder', [getFile('C:\\Windows\\Temp\\')], 'Command 1: Path must name a file'],
		['an unknown type', [{ type: 'RunCommand' }], 'Command 1: Type must be one of'],
		[
			"Defender's order broken",
			[getFile('C:\\a.txt'), script('collector.ps1')],
			'Command 2: a Run Script cannot follow a Get File',
		],
	])('refuses %s before sending anything', async (_label, commands, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: run(commands as Command[]),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
