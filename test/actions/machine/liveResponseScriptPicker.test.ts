import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { DEMO_LIBRARY_SCRIPT, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runDefenderNode, searchList, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(1);
	simulator.addLibraryFile({ fileName: 'tools.zip', content: 'PK' });
	simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
	simulator.addLibraryFile({ fileName: 'Audit-Run.ps1', content: 'exit 0' });
});
afterEach(async () => await simulator.close());

const device = () => [...simulator.machines.values()][0];
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const runScript = (scriptName: NodeParameterValueType): INodeParameters => ({
	resource: 'machine',
	operation: 'runLiveResponse',
	machineId: rl('id', device().id),
	comment: 'Case 42: triage',
	commands: { command: [{ type: 'RunScript', scriptName, arguments: 'CASE-42' }] },
	options: { waitForFinalStatus: false },
});
const sentCommands = () =>
	simulator
		.apiRequests()
		.filter((request) => request.method === 'POST')
		.map((request) => (JSON.parse(request.body) as { Commands: unknown }).Commands);

describe('Run Live Response → Script Name: a picker of the library that still takes a typed name', () => {
	it.each([
		['a plain string, as workflows saved before the picker hold it', 'collect-triage.ps1'],
		['an expression in a plain string', '={{ "collect-triage" + ".ps1" }}'],
		['picked from the library', rl('list', 'collect-triage.ps1')],
		['typed by name, with spaces around it', rl('name', ' collect-triage.ps1 ')],
		['an expression in the Name mode', rl('name', '={{ "collect-triage.ps1" }}')],
	])('runs the script given as %s', async (_label, scriptName) => {
		const { error } = await runDefenderNode({
			parameters: runScript(scriptName),
			credential: simulatorCredential(simulator),
			typeVersion: 1.3,
		});

		expect(error).toBeUndefined();
		expect(sentCommands()).toEqual([
			[
				{
					type: 'RunScript',
					params: [
						{ key: 'ScriptName', value: 'collect-triage.ps1' },
						{ key: 'Args', value: 'CASE-42' },
					],
				},
			],
		]);
	});

	it.each([
		['an empty pick', rl('list', ''), 'Command 1: Script Name is empty'],
		[
			'a path typed as a name',
			rl('name', '..\\evil.ps1'),
			'Command 1: Script Name must be a live response library file name',
		],
	])('refuses %s before sending', async (_label, scriptName, problem) => {
		const { error } = await runDefenderNode({
			parameters: runScript(scriptName),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(sentCommands()).toEqual([]);
	});

	it.each([
		[
			'',
			[
				'Audit-Run.ps1',
				'collect-triage.ps1 · Lists what an analyst looks at first and saves it to C:\\Windows\\Temp\\triage.txt',
				'tools.zip',
			],
		],
		[
			'TRIAGE',
			[
				'collect-triage.ps1 · Lists what an analyst looks at first and saves it to C:\\Windows\\Temp\\triage.txt',
			],
		],
		['nothing like it', []],
	])(
		'lists the library for the search "%s": scripts first, with their description',
		async (filter, names) => {
			const { results } = await searchList({
				method: 'searchLibraryScripts',
				parameter: 'commands.command[0].scriptName',
				parameters: runScript(rl('list', '')),
				credential: simulatorCredential(simulator),
				filter,
			});

			expect(results.map((result) => result.name)).toEqual(names);
			expect(results.map((result) => result.value)).toEqual(
				names.map((name) => name.split(' · ')[0]),
			);
			expect(simulator.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(
				['GET /api/libraryfiles'],
			);
		},
	);
});
