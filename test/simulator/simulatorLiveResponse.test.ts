import type { DefenderSimulator, SimulatedCommand, SimulatorOptions } from '../../simulator/server';
import { SimulatorFixture } from '../harness/simulatorFixture';

let simulator: DefenderSimulator;
const fixture = new SimulatorFixture();
const start = async (options: SimulatorOptions = {}) => {
	simulator = await fixture.start({
		liveResponse: { startAfterMs: 1_000, commandMs: 2_000 },
		...options,
	});
	simulator.seedMachines(5);
	simulator.addLibraryFile({ fileName: 'collector.ps1', content: 'Write-Output "ok"' });
};
afterEach(async () => await fixture.close());

const machineAt = (index: number) => [...simulator.machines.values()][index];
const runLiveResponse = async (commands: unknown, machineId = machineAt(0).id) =>
	await fixture.call('POST', `/api/machines/${machineId}/runliveresponse`, {
		body: { Comment: 'case 42', Commands: commands },
	});
const script = (name: string) => ({
	type: 'RunScript',
	params: [{ key: 'ScriptName', value: name }],
});
const getFile = (path: string) => ({ type: 'GetFile', params: [{ key: 'Path', value: path }] });
const commandsOf = (id: string) => simulator.actions.get(id)?.commands as SimulatedCommand[];

describe('Simulator live response', () => {
	it('creates a Pending LiveResponse action with one Created command per command given', async () => {
		await start();

		const answer = await runLiveResponse([
			script('collector.ps1'),
			getFile('C:\\Windows\\System32\\drivers\\etc\\hosts'),
		]);

		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({
			type: 'LiveResponse',
			status: 'Pending',
			requestorComment: 'case 42',
		});
		expect(answer.body.commands).toEqual([
			{
				index: 0,
				startTime: null,
				endTime: null,
				commandStatus: 'Created',
				errors: [],
				command: script('collector.ps1'),
			},
			{
				index: 1,
				startTime: null,
				endTime: null,
				commandStatus: 'Created',
				errors: [],
				command: getFile('C:\\Windows\\System32\\drivers\\etc\\hosts'),
			},
		]);
	});

	it.each([
		['no commands', [], 400, 'MissingRequiredParameter'],
		[
			'a command without its parameter',
			[{ type: 'GetFile', params: [] }],
			400,
			'MissingRequiredParameter',
		],
		['an unknown type', [{ type: 'RunCommand', params: [] }], 400, 'InvalidInput'],
		[
			"Defender's order broken",
			[getFile('C:\\a.txt'), script('collector.ps1')],
			400,
			'InvalidInput',
		],
	])('refuses %s', async (_label, commands, status, code) => {
		await start();

		const answer = await runLiveResponse(commands);

		expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
		expect([...simulator.actions.values()]).toHaveLength(0);
	});

	it('allows one live-response action per device: a second is ActiveRequestAlreadyExists', async () => {
		await start();
		await runLiveResponse([script('collector.ps1')]);

		const second = await runLiveResponse([script('collector.ps1')]);
		const elsewhere = await runLiveResponse([script('collector.ps1')], machineAt(1).id);

		expect([second.status, second.body.error?.code]).toEqual([400, 'ActiveRequestAlreadyExists']);
		expect(elsewhere.status).toBe(201);
	});

	it('runs the commands one by one, and a failing one ends the action, leaving the rest Created', async () => {
		await start();
		const { body } = await runLiveResponse([
			script('collector.ps1'),
			script('missing.ps1'),
			getFile('C:\\a.txt'),
		]);
		const id = String(body.id);
		const look = async () => (await fixture.call('GET', `/api/machineactions/${id}`)).body;

		fixture.clock += 2_000;
		expect(await look()).toMatchObject({ status: 'InProgress' });
		expect(commandsOf(id).map((command) => command.commandStatus)).toEqual([
			'InProgress',
			'Created',
			'Created',
		]);
		fixture.clock += 2_000;
		await look();
		expect(commandsOf(id).map((command) => command.commandStatus)).toEqual([
			'Completed',
			'InProgress',
			'Created',
		]);
		fixture.clock += 2_000;
		expect(await look()).toMatchObject({ status: 'Failed' });
		expect(commandsOf(id).map((command) => [command.commandStatus, command.errors])).toEqual([
			['Completed', []],
			['Failed', ['missing.ps1 was not found in the live response library']],
			['Created', []],
		]);
	});

	it('keeps the action of an inactive device Pending', async () => {
		await start();
		const { body } = await runLiveResponse([script('collector.ps1')], machineAt(4).id);

		// Within the token's hour: the device never picks the action up.
		fixture.clock += 3_000_000;

		expect(
			(await fixture.call('GET', `/api/machineactions/${String(body.id)}`)).body,
		).toMatchObject({ status: 'Pending' });
	});

	it('hands out a result link on the download origin that works until it expires, and records the headers that reached it', async () => {
		await start({
			liveResponse: { startAfterMs: 1_000, commandMs: 2_000, resultLinkLifetimeMs: 60_000 },
		});
		const { body } = await runLiveResponse([script('collector.ps1')]);
		const id = String(body.id);
		fixture.clock += 10_000;
		const early = await fixture.call(
			'GET',
			`/api/machineactions/${id}/GetLiveResponseResultDownloadLink(index=0)`,
		);

		const link = String(early.body.value);
		const fresh = await fetch(link, { headers: { Authorization: 'Bearer leaked' } });
		fixture.clock += 60_000;
		const expired = await fetch(link);

		expect(link.startsWith(`${simulator.downloadOrigin}/liveresponse/${id}-0?`)).toBe(true);
		expect(fresh.status).toBe(200);
		expect(JSON.parse(await fresh.text())).toMatchObject({
			script_name: 'collector.ps1',
			exit_code: 0,
			script_errors: '',
		});
		expect(expired.status).toBe(403);
		expect(simulator.downloadRequests.map((request) => request.headers.authorization)).toEqual([
			'Bearer leaked',
			undefined,
		]);
	});

	it('answers 404 for the result of a command that has not completed', async () => {
		await start();
		const { body } = await runLiveResponse([script('collector.ps1')]);

		const answer = await fixture.call(
			'GET',
			`/api/machineactions/${String(body.id)}/GetLiveResponseResultDownloadLink(index=0)`,
		);

		expect([answer.status, answer.body.error?.code]).toEqual([404, 'ResourceNotFound']);
	});
});

describe('Simulator live response library', () => {
	const form = (parts: string[]) => ({
		rawBody: `${parts.map((part) => `--b\r\n${part}\r\n`).join('')}--b--\r\n`,
		contentType: 'multipart/form-data; boundary=b',
	});
	const filePart = (name: string, content: string) =>
		`Content-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n${content}`;
	const field = (name: string, value: string) =>
		`Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;

	it.each([
		['no file part', form([field('Description', 'x')]), 400, 'MissingRequiredParameter'],
		['a file name with a path', form([filePart('../x.ps1', 'a')]), 400, 'InvalidInput'],
		[
			'a bad boolean',
			form([filePart('x.ps1', 'a'), field('HasParameters', 'yes')]),
			400,
			'InvalidInput',
		],
		['a name already there', form([filePart('COLLECTOR.ps1', 'a')]), 400, 'FileAlreadyExists'],
		['JSON instead of a form', { body: { fileName: 'x.ps1' } }, 415, 'UnsupportedMediaType'],
	])('refuses an upload with %s', async (_label, options, status, code) => {
		await start();

		const answer = await fixture.call('POST', '/api/libraryfiles', options);

		expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
		expect([...simulator.libraryFiles.keys()]).toEqual(['collector.ps1']);
	});

	it('replaces a file when OverrideIfExists is true, keeping its creation time', async () => {
		await start();
		const created = simulator.libraryFiles.get('collector.ps1')?.entity.creationTime;
		fixture.clock += 60_000;

		const answer = await fixture.call(
			'POST',
			'/api/libraryfiles',
			form([filePart('collector.ps1', 'v2'), field('OverrideIfExists', 'true')]),
		);

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			fileName: 'collector.ps1',
			creationTime: created,
			hasParameters: false,
		});
		expect(answer.body.lastUpdatedTime).not.toBe(created);
		expect(simulator.libraryFiles.get('collector.ps1')?.content.toString()).toBe('v2');
	});
});
