import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { runDefenderNode, searchList, simulatorCredential } from '../harness/engine';
import { requestLines } from '../harness/simulatorRuns';
import { useFakeNodeClock } from './fakeClock';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(5);
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const byName = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'name',
	value,
});
const machineIdAt = (index: number) => [...simulator.machines.values()][index].id;
const nameAt = (index: number) => [...simulator.machines.values()][index].computerDnsName;

const launch = (
	operation: string,
	machine: INodeParameterResourceLocator,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'machine',
	operation,
	machineId: machine,
	comment: 'Playbook: high severity alert',
	...extra,
});

describe('Launching machine actions', () => {
	it.each([
		['isolate', {}, 'isolate', { IsolationType: 'Full' }, 'Isolate', 'Full'],
		[
			'isolate',
			{ isolationType: 'Selective' },
			'isolate',
			{ IsolationType: 'Selective' },
			'Isolate',
			'Selective',
		],
		['unisolate', {}, 'unisolate', {}, 'Unisolate', null],
		[
			'runAntiVirusScan',
			{},
			'runAntiVirusScan',
			{ ScanType: 'Quick' },
			'RunAntiVirusScan',
			'Quick',
		],
		[
			'runAntiVirusScan',
			{ scanType: 'Full' },
			'runAntiVirusScan',
			{ ScanType: 'Full' },
			'RunAntiVirusScan',
			'Full',
		],
		[
			'collectInvestigationPackage',
			{},
			'collectInvestigationPackage',
			{},
			'CollectInvestigationPackage',
			null,
		],
		['restrictCodeExecution', {}, 'restrictCodeExecution', {}, 'RestrictCodeExecution', null],
		['unrestrictCodeExecution', {}, 'unrestrictCodeExecution', {}, 'UnrestrictCodeExecution', null],
		[
			'stopAndQuarantineFile',
			{ sha1: ' 87662BC3D60E4200CEAF7AAE249D1C343F4B83C9 ' },
			'StopAndQuarantineFile',
			{ Sha1: '87662bc3d60e4200ceaf7aae249d1c343f4b83c9' },
			'StopAndQuarantineFile',
			null,
		],
		['offboard', {}, 'offboard', {}, 'Offboard', null],
	])(
		'%s %j posts Comment and its fields, and outputs the new action',
		async (operation, extra, path, body, type, scope) => {
			await start();
			const machineId = machineIdAt(1);

			const { items, error } = await runDefenderNode({
				parameters: launch(operation, byId(machineId), extra),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			const [request] = simulator.apiRequests();
			expect(`${request.method} ${request.path}`).toBe(`POST /api/machines/${machineId}/${path}`);
			expect(JSON.parse(request.body)).toEqual({
				Comment: 'Playbook: high severity alert',
				...body,
			});
			expect(simulator.apiRequests()).toHaveLength(1);
			const created = [...simulator.actions.values()].filter(
				(action) => action.machineId === machineId && action.type === type,
			);
			expect(created).toHaveLength(1);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				id: created[0].id,
				type,
				status: 'Pending',
				machineId,
				alreadyPending: false,
			});
			if (scope) expect(items[0].json.scope).toBe(scope);
			expect(items[0].json).not.toHaveProperty(['@odata.context']);
		},
	);

	it.each([
		[
			'a device id of the wrong length',
			launch('isolate', byId("={{ 'abc123' }}")),
			'Device ID must be',
		],
		[
			'a path in the device id',
			launch('isolate', byId(`={{ '${'a'.repeat(40)}/../../machineactions' }}`)),
			'Device ID must be',
		],
		['an empty machine', launch('isolate', byId("={{ '  ' }}")), 'Device is empty'],
		[
			'an OData injection in a name',
			launch('isolate', byName("x' or computerDnsName ne 'y")),
			'Device name must be a computer DNS name',
		],
		[
			'a query string in a name',
			launch('isolate', byName('host?$top=1')),
			'Device name must be a computer DNS name',
		],
		[
			'a short hash',
			launch('stopAndQuarantineFile', byId('a'.repeat(40)), { sha1: 'abc' }),
			'SHA-1 must be 40 hexadecimal characters',
		],
		[
			'a SHA-256 for a SHA-1',
			launch('stopAndQuarantineFile', byId('a'.repeat(40)), { sha1: 'a'.repeat(64) }),
			'SHA-1 must be 40 hexadecimal characters',
		],
		[
			'an empty comment',
			launch('isolate', byId('a'.repeat(40)), { comment: '  ' }),
			'Comment is empty',
		],
		[
			'an unknown isolation type',
			launch('isolate', byId('a'.repeat(40)), { isolationType: 'Partial' }),
			'Isolation Type must be one of Full, Selective, UnManagedDevice',
		],
	])('refuses %s before sending anything', async (_label, parameters, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters,
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
		expect(simulator.tokenRequests).toBe(0);
	});

	it('names the permission the app lacks when Defender refuses a launch (403)', async () => {
		await start({
			apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }],
		});

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineIdAt(0))),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to isolate device ${machineIdAt(0)}`,
		);
		expect(error?.description).toContain('Machine.Isolate');
	});

	it('says which device Defender did not find (404)', async () => {
		await start();
		const unknown = 'b'.repeat(40);

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byId(unknown)),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`Device ${unknown} was not found`);
		expect((error as { messages?: string[] }).messages?.join(' ')).toContain('ResourceNotFound');
	});
});

describe('The Machine parameter by name', () => {
	it('resolves a computer name to its one device with a quoted filter, then launches on that id', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: launch('isolate', byName(nameAt(2).toUpperCase())),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [lookup, post] = simulator.apiRequests();
		expect(lookup.path).toBe('/api/machines');
		expect(lookup.query.$filter).toBe(`computerDnsName eq '${nameAt(2).toUpperCase()}'`);
		expect(post.path).toBe(`/api/machines/${machineIdAt(2)}/isolate`);
		expect(items[0].json.machineId).toBe(machineIdAt(2));
	});

	it('takes a short name for the one device whose DNS name it begins', async () => {
		await start();
		const shortName = nameAt(3).split('.')[0];

		const { items, error } = await runDefenderNode({
			parameters: launch('unisolate', byName(shortName)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[1].query.$filter).toBe(
			`startswith(computerDnsName,'${shortName}.')`,
		);
		expect(items[0].json.machineId).toBe(machineIdAt(3));
	});

	it('fails, launching nothing, when no device has the name', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byName('ghost.contoso.local')),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe('No device named ghost.contoso.local was found in Defender');
		expect(requestLines(simulator).filter((line) => line.startsWith('POST'))).toEqual([]);
	});

	it('fails, launching nothing, when several devices share the name, and lists them', async () => {
		await start();
		const twin = simulator.addMachine({ computerDnsName: nameAt(0) });

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byName(nameAt(0))),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(`Two devices are named ${nameAt(0)}`);
		expect(error?.message).toContain(machineIdAt(0));
		expect(error?.message).toContain(twin.id);
		expect(requestLines(simulator).filter((line) => line.startsWith('POST'))).toEqual([]);
	});
});

describe('Duplicates', () => {
	it('answers "Action is already in progress" with the pending action of that type on that device', async () => {
		await start();
		const machineId = machineIdAt(0);
		const pending = simulator.addAction({
			type: 'Isolate',
			machineId,
			computerDnsName: nameAt(0),
			status: 'InProgress',
		});
		simulator.addAction({ type: 'RunAntiVirusScan', machineId, status: 'Pending' });

		const { items, error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineId)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [post, list] = simulator.apiRequests();
		expect(post.status).toBe(400);
		expect(list.query.$filter).toBe(
			`machineId eq '${machineId}' and type eq 'Isolate' and status in ('Pending','InProgress')`,
		);
		expect(items[0].json).toMatchObject({
			id: pending.id,
			status: 'InProgress',
			alreadyPending: true,
		});
		expect(
			[...simulator.actions.values()].filter((action) => action.type === 'Isolate'),
		).toHaveLength(1);
	});

	it('marks an action Defender hands back from before the request as already pending', async () => {
		await start({ duplicateAnswer: 'existing' });
		const machineId = machineIdAt(1);
		const pending = simulator.addAction({
			type: 'RunAntiVirusScan',
			machineId,
			status: 'Pending',
			scope: 'Quick',
		});

		const { items, error } = await runDefenderNode({
			parameters: launch('runAntiVirusScan', byId(machineId)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: pending.id, alreadyPending: true });
	});

	it.each(['error', 'existing'] as const)(
		'finds the action a launch created when its answer was lost, and does not send it again (duplicates: %s)',
		async (duplicateAnswer) => {
			await start({ duplicateAnswer });
			const machineId = machineIdAt(2);
			simulator.injectFault({ path: /\/isolate$/, applyThenDrop: true, times: 1 });

			const { items, error } = await runDefenderNode({
				parameters: launch('isolate', byId(machineId)),
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			const isolations = [...simulator.actions.values()].filter(
				(action) => action.type === 'Isolate' && action.machineId === machineId,
			);
			expect(isolations).toHaveLength(1);
			expect(items[0].json).toMatchObject({ id: isolations[0].id, alreadyPending: false });
			expect(simulator.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(
				1,
			);
			expect(simulator.apiRequests()[1].query.$filter).toMatch(
				new RegExp(
					`^machineId eq '${machineId}' and type eq 'Isolate' and creationDateTimeUtc ge \\d{4}-`,
				),
			);
		},
	);

	it('sends a launch again when its answer was lost before Defender created the action', async () => {
		await start();
		const machineId = machineIdAt(2);
		simulator.injectFault({ path: /\/runAntiVirusScan$/, reset: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: launch('runAntiVirusScan', byId(machineId)),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const scans = [...simulator.actions.values()].filter(
			(action) => action.type === 'RunAntiVirusScan' && action.machineId === machineId,
		);
		expect(scans).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: scans[0].id, alreadyPending: false });
		expect(simulator.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(2);
	});

	it('does not send a lost launch again when it cannot check whether Defender created it', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Isolate'] }] });
		const machineId = machineIdAt(2);
		simulator.injectFault({ path: /\/isolate$/, applyThenDrop: true, times: 1 });

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineId)),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`The answer to the Isolate request for device ${machineId} was lost, and the node could not check whether Defender created the action, so it did not send it again`,
		);
		expect(simulator.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('does not resend a launch that failed with a 500', async () => {
		await start();
		simulator.injectFault({ path: /\/isolate$/, status: 500, times: 1 });

		const { error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineIdAt(0))),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('Defender failed with HTTP 500');
		expect(simulator.apiRequests()).toHaveLength(1);
	});
});

describe('Wait for Final Status after a launch', () => {
	it('checks every waiting action of the app registration with one list call per round', async () => {
		// Real time here: the items' waits overlap only if time passes for all of them alike.
		await start({ lifecycle: { inProgressAfterMs: 100, finalAfterMs: 700 } });
		const machines = [0, 1, 2, 3, 4].map(machineIdAt);

		const { items, error } = await runDefenderNode({
			parameters: launch('isolate', byId('={{ $json.device }}'), {
				options: { waitForFinalStatus: true, pollIntervalSeconds: 0.2 },
			}),
			items: machines.map((device) => ({ device })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			machines.map((machineId) =>
				expect.objectContaining({
					machineId,
					status: 'Succeeded',
					reachedFinalStatus: true,
					alreadyPending: false,
				}),
			),
		);
		const polls = simulator.apiRequests().filter((request) => request.method === 'GET');
		const idsPerPoll = polls.map(
			(poll) => (poll.query.$filter.match(/'[0-9a-f-]{36}'/g) ?? []).length,
		);
		// Polled one by one, five actions final after 0.7 s at 0.2 s intervals would take 20 Gets.
		expect(polls.length).toBeLessThanOrEqual(8);
		expect(Math.max(...idsPerPoll)).toBe(5);
		expect(
			polls.every(
				(poll) => poll.path === '/api/machineactions' && poll.query.$filter.startsWith('id in ('),
			),
		).toBe(true);
	});

	it('reports an action that fails as final but not succeeded', async () => {
		const clock = useFakeNodeClock();
		await start({
			now: clock.now,
			lifecycle: { inProgressAfterMs: 1_000, finalAfterMs: 2_000, outcome: 'Failed' },
		});

		const { items } = await runDefenderNode({
			parameters: launch('runAntiVirusScan', byId(machineIdAt(0)), {
				options: { waitForFinalStatus: true, pollIntervalSeconds: 5 },
			}),
			credential: simulatorCredential(simulator),
		});

		expect(items[0].json).toMatchObject({
			status: 'Failed',
			reachedFinalStatus: true,
			waitedForFinalStatusSeconds: 5,
		});
	});

	it('keeps waiting through a fresh action that Defender does not list yet', async () => {
		const clock = useFakeNodeClock();
		await start({
			now: clock.now,
			lifecycle: { inProgressAfterMs: 1_000, finalAfterMs: 12_000 },
			freshActionNotFoundMs: 8_000,
		});

		const { items, error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineIdAt(0)), {
				options: { waitForFinalStatus: true, pollIntervalSeconds: 5 },
			}),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'Succeeded',
			reachedFinalStatus: true,
			waitedForFinalStatusSeconds: 15,
		});
	});
});

describe('Machine Get and Get Many', () => {
	it('gets a device by name', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: { resource: 'machine', operation: 'get', machineId: byName(nameAt(4)) },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			'GET /api/machines',
			`GET /api/machines/${machineIdAt(4)}`,
		]);
		expect(items[0].json).toMatchObject({ id: machineIdAt(4), computerDnsName: nameAt(4) });
	});

	it('sends the filters as one quoted OData $filter and outputs the matching devices', async () => {
		await start();
		const tagged = simulator.addMachine({
			computerDnsName: "o'brien-laptop.contoso.local",
			machineTags: ['finance'],
			healthStatus: 'Active',
			riskScore: 'High',
		});

		const { items, error } = await runDefenderNode({
			parameters: {
				resource: 'machine',
				operation: 'getAll',
				returnAll: true,
				filters: {
					computerNameStartsWith: "o'brien",
					tag: 'finance',
					healthStatus: ['Active'],
					riskScore: ['High', 'Medium'],
				},
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe(
			"startswith(computerDnsName,'o''brien') and healthStatus eq 'Active' and (riskScore eq 'High' or riskScore eq 'Medium') and machineTags/any(tag: tag eq 'finance')",
		);
		expect(items.map((item) => item.json.id)).toEqual([tagged.id]);
	});

	it('outputs nothing, without an error, when Defender answers 404 for no machines', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: {
				resource: 'machine',
				operation: 'getAll',
				filters: { computerNameEquals: 'nobody.contoso.local' },
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].status).toBe(404);
		expect(items).toEqual([]);
	});
});

describe('Get Investigation Package', () => {
	const collectAndSucceed = async () => {
		const { items } = await runDefenderNode({
			parameters: launch('collectInvestigationPackage', byId(machineIdAt(0))),
			credential: simulatorCredential(simulator),
		});
		const id = String(items[0].json.id);
		simulator.setActionStatus(id, 'Succeeded');
		simulator.requests.length = 0;
		return id;
	};

	it('downloads the package into the binary field, sending no Defender token to the download host', async () => {
		await start();
		const id = await collectAndSucceed();

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'getInvestigationPackage',
				machineActionId: id,
				binaryPropertyName: 'package',
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${id}/getPackageUri`]);
		expect(simulator.apiRequests()[0].headers.authorization).toMatch(/^Bearer /);
		expect(simulator.downloadRequests).toHaveLength(1);
		expect(simulator.downloadRequests[0].headers.authorization).toBeUndefined();
		const binary = items[0].binary?.package;
		expect(binary?.mimeType).toBe('application/zip');
		expect(binary?.fileName).toBe(`investigation-package-${id}.zip`);
		expect(Buffer.from(binary?.data ?? '', 'base64').subarray(0, 4)).toEqual(
			Buffer.from('PK\u0003\u0004', 'binary'),
		);
		expect(items[0].json).toMatchObject({
			machineActionId: id,
			packageLinkHost: simulator.downloadOrigin,
		});
		expect(JSON.stringify(items[0].json)).not.toContain('sig=');
	});

	it('returns only the link when asked, downloading nothing', async () => {
		await start();
		const id = await collectAndSucceed();

		const { items } = await runDefenderNode({
			parameters: {
				operation: 'getInvestigationPackage',
				machineActionId: id,
				options: { returnLinkOnly: true },
			},
			credential: simulatorCredential(simulator),
		});

		expect(String(items[0].json.packageLink)).toMatch(
			new RegExp(`^${simulator.downloadOrigin}/packages/`),
		);
		expect(simulator.downloadRequests).toHaveLength(0);
		expect(items[0].binary).toBeUndefined();
	});

	it('says the package is not ready and names the collection status', async () => {
		await start();
		const { items } = await runDefenderNode({
			parameters: launch('collectInvestigationPackage', byId(machineIdAt(0))),
			credential: simulatorCredential(simulator),
		});
		const id = String(items[0].json.id);

		const { error } = await runDefenderNode({
			parameters: { operation: 'getInvestigationPackage', machineActionId: id },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`The investigation package of device action ${id} is not available: the collection is Pending`,
		);
		expect(error?.description).toContain('Succeeded');
	});

	it('paces the link requests to the 2 a minute Defender allows, so none is refused', async () => {
		// Real time on a 1 s "minute": a fake clock would jump for every concurrent item at once.
		await start({ rateLimit: { windowMs: 1000, hourMs: 60_000 } });
		const id = await collectAndSucceed();

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'getInvestigationPackage',
				machineActionId: id,
				options: { returnLinkOnly: true, rateLimitWindowSeconds: 1 },
			},
			items: [{}, {}, {}],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.rateLimited).toBe(0);
		const times = simulator.apiRequests().map((request) => request.at);
		expect(times).toHaveLength(3);
		expect(times[2] - times[0]).toBeGreaterThanOrEqual(1000);
	});
});

describe('The device list of the Machine parameter', () => {
	it('searches devices by the start of their computer name, through the credential, and offers their ids', async () => {
		await start();

		const result = await searchList({
			method: 'searchMachines',
			parameter: 'machineId',
			filter: 'desktop-00',
			parameters: launch('isolate', byId('')),
			credential: simulatorCredential(simulator),
		});

		expect(simulator.apiRequests()[0].query.$filter).toBe(
			"startswith(computerDnsName,'desktop-00')",
		);
		expect(simulator.apiRequests()[0].headers.authorization).toMatch(/^Bearer sim-/);
		expect(result.results.map((entry) => entry.value)).toEqual([0, 1, 2, 3, 4].map(machineIdAt));
		expect(result.results[0].name).toContain(nameAt(0));
	});

	it('offers nothing, without an error, when no device matches', async () => {
		await start();

		const result = await searchList({
			method: 'searchMachines',
			parameter: 'machineId',
			filter: "o'neil",
			parameters: launch('isolate', byId('')),
			credential: simulatorCredential(simulator),
		});

		expect(simulator.apiRequests()[0].query.$filter).toBe("startswith(computerDnsName,'o''neil')");
		expect(result.results).toEqual([]);
	});
});

describe('Wait for Final Status when the app may not read actions', () => {
	it('still outputs the launched action, with why the wait could not tell its final status', async () => {
		await start({
			apps: [{ ...DEFAULT_APP, roles: ['Machine.Isolate'] }],
			lifecycle: { inProgressAfterMs: 100, finalAfterMs: 200 },
		});

		const { items, error } = await runDefenderNode({
			parameters: launch('isolate', byId(machineIdAt(0)), {
				options: {
					waitForFinalStatus: true,
					pollIntervalSeconds: 0.2,
					finalStatusTimeoutSeconds: 1,
				},
			}),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const created = [...simulator.actions.values()].find((action) => action.type === 'Isolate');
		expect(items[0].json).toMatchObject({ id: created?.id, reachedFinalStatus: false });
		expect(String(items[0].json.finalStatusError)).toContain(
			'The app registration is not allowed to read the status of the device actions being waited for',
		);
	});
});
