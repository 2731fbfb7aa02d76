import { DEFAULT_APP, investigationPackage } from '../../simulator/server';
import type { DefenderSimulator, SimulatedApp, SimulatorOptions } from '../../simulator/server';
import { SIMULATOR_START as START, SimulatorFixture } from '../harness/simulatorFixture';
import type { Answer, CallOptions } from '../harness/simulatorFixture';

interface Entity {
	id: string;
	[field: string]: unknown;
}

let simulator: DefenderSimulator;
const fixture = new SimulatorFixture();
const start = async (options: SimulatorOptions = {}) => (simulator = await fixture.start(options));
const call = async (method: 'GET' | 'POST', path: string, options?: CallOptions) =>
	await fixture.call(method, path, options);

afterEach(async () => await fixture.close());

const get = async (path: string, app?: SimulatedApp) => await call('GET', path, { app });
const launch = async (machineId: string, action: string, body: unknown, app?: SimulatedApp) =>
	await call('POST', `/api/machines/${machineId}/${action}`, { body, app });
const filterQuery = (filter: string) => `$filter=${encodeURIComponent(filter)}`;
const statusAndCode = (answer: Answer) => [answer.status, answer.body.error?.code];
const names = (answer: Answer) =>
	(answer.body.value as Entity[]).map((machine) => String(machine.computerDnsName));
const desktop = (...indexes: number[]) =>
	indexes.map((index) => `desktop-${String(index).padStart(3, '0')}.contoso.local`);

const appWithRoles = (roles: string[]): SimulatedApp => ({
	tenantId: DEFAULT_APP.tenantId,
	clientId: `aaaaaaaa-0000-0000-0000-${String(roles.length).padStart(12, '0')}`,
	clientSecret: 'limited-secret',
	roles,
	name: 'limited app',
});

describe('Simulator machines', () => {
	/*
	 * Seeded machines 0..11: osPlatform cycles Windows10, Windows11, WindowsServer2022, Linux; riskScore
	 * None, Low, Medium, High; 4 and 9 are Inactive (last seen 8 days and 4 or 9 hours before the
	 * start, 2026-11-02T12:00Z), the others keep reporting (last seen their index in minutes before now);
	 * Finance on 0,3,6,9 and VIP on 1,5,9.
	 */
	it.each([
		["computerDnsName eq 'DESKTOP-003.contoso.local'", desktop(3)],
		["startswith(computerDnsName,'DESKTOP-01')", desktop(10, 11)],
		["machineTags/any(t: t eq 'VIP')", desktop(1, 5, 9)],
		["machineTags/any(tag:tag eq 'Finance') and riskScore eq 'High'", desktop(3)],
		["osPlatform eq 'Linux' or healthStatus eq 'Inactive'", desktop(3, 4, 7, 9, 11)],
		['lastSeen gt 2026-11-02T11:57:30Z', desktop(0, 1, 2)],
		["lastSeen lt 2026-10-30T00:00:00Z and exposureLevel eq 'Low'", desktop(9)],
		["lastIpAddress eq '10.0.0.13'", desktop(3)],
		['rbacGroupId eq 2', desktop(2, 6, 10)],
		["riskScore in ('Medium','High') and osPlatform eq 'WindowsServer2022'", desktop(2, 6, 10)],
		["deviceValue eq 'High' and onboardingStatus eq 'Onboarded'", desktop(2, 8)],
		["version eq '23H2' and aadDeviceId ne null", desktop(1, 5, 9)],
	])('lists machines matching %s', async (filter, expected) => {
		await start();
		simulator.seedMachines(12);

		const answer = await get(`/api/machines?${filterQuery(filter)}`);

		expect(answer.status).toBe(200);
		expect(names(answer)).toEqual(expected);
	});

	it('filters on id and aadDeviceId with the values Defender shows', async () => {
		await start();
		const [first, , third] = simulator.seedMachines(3);

		const byId = await get(`/api/machines?${filterQuery(`id in ('${first.id}','${third.id}')`)}`);
		const byAad = await get(
			`/api/machines?${filterQuery(`aadDeviceId eq '${String(first.aadDeviceId)}'`)}`,
		);

		expect(names(byId)).toEqual(desktop(0, 2));
		expect(names(byAad)).toEqual(desktop(0));
	});

	it.each([
		['no machine matches', "computerDnsName eq 'unknown.contoso.local'", 3],
		['there are no machines at all', '', 0],
	])('answers 404 ResourceNotFound when %s', async (_label, filter, count) => {
		await start();
		simulator.seedMachines(count);

		const answer = await get(`/api/machines${filter ? `?${filterQuery(filter)}` : ''}`);

		expect(statusAndCode(answer)).toEqual([404, 'ResourceNotFound']);
		expect(answer.body.error?.message).toBe('No recent machines found');
	});

	it('pages with $top, $skip and @odata.nextLink on /api/machines', async () => {
		await start();
		simulator.seedMachines(12);
		const seen: string[] = [];
		let path: string | undefined = '/api/machines?$top=5';
		const links: string[] = [];
		while (path) {
			const answer = await get(path);
			seen.push(...names(answer));
			const next = answer.body['@odata.nextLink'] as string | undefined;
			if (next) links.push(next);
			path = next?.slice(simulator.url.length);
		}

		expect(seen).toEqual(desktop(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
		expect(links.map((link) => new URL(link).pathname)).toEqual(['/api/machines', '/api/machines']);
		expect(links.map((link) => new URL(link).searchParams.get('$skip'))).toEqual(['5', '10']);
	});

	it.each([
		['an unsupported field', "osArchitecture eq '64-bit'"],
		['a tag compared without any()', "machineTags eq 'VIP'"],
	])('rejects a filter on %s (400 ODataError)', async (_label, filter) => {
		await start();
		simulator.seedMachines(2);

		expect(statusAndCode(await get(`/api/machines?${filterQuery(filter)}`))).toEqual([
			400,
			'ODataError',
		]);
	});

	it('gets one machine by its id or its computer name in any case, and 404s otherwise', async () => {
		await start();
		const [, machine] = simulator.seedMachines(3);

		const byId = await get(`/api/machines/${machine.id}`);
		const byName = await get('/api/machines/DESKTOP-001.Contoso.Local');
		const unknownName = await get('/api/machines/nobody.contoso.local');
		const unknownId = await get(`/api/machines/${'0'.repeat(40)}`);

		expect([byId.status, byId.body.id, byId.body.computerDnsName]).toEqual([
			200,
			machine.id,
			'desktop-001.contoso.local',
		]);
		expect([byName.status, byName.body.id]).toEqual([200, machine.id]);
		expect(byId.body).toMatchObject({
			osPlatform: 'Windows11',
			lastIpAddress: '10.0.0.11',
			ipAddresses: [
				{
					ipAddress: '10.0.0.11',
					macAddress: machine.id.slice(0, 12).toUpperCase(),
					operationalStatus: 'Up',
				},
			],
			riskScore: 'Low',
			isAadJoined: true,
		});
		expect(statusAndCode(unknownName)).toEqual([404, 'ResourceNotFound']);
		expect(unknownName.body.error?.message).toBe('Machine nobody.contoso.local was not found');
		expect(statusAndCode(unknownId)).toEqual([404, 'ResourceNotFound']);
	});

	it('gives machine i the id and name that the i-th seeded action refers to', async () => {
		await start();
		const machines = simulator.seedMachines(10);
		const actions = simulator.seed(12);

		expect(actions.map((action) => action.machineId)).toEqual(
			[...machines, machines[0], machines[1]].map((machine) => machine.id),
		);
		expect(actions.map((action) => action.computerDnsName)).toEqual(
			[...machines, machines[0], machines[1]].map((machine) => machine.computerDnsName),
		);
		expect(machines[0].id).toMatch(/^[0-9a-f]{40}$/);
	});

	it('requires Machine.Read.All or Machine.ReadWrite.All (403 listing them)', async () => {
		const limited = appWithRoles(['Machine.Isolate']);
		await start({ apps: [DEFAULT_APP, limited] });
		simulator.seedMachines(1);

		const list = await get('/api/machines', limited);
		const one = await get('/api/machines/desktop-000.contoso.local', limited);

		expect(statusAndCode(list)).toEqual([403, 'Forbidden']);
		expect(list.body.error?.message).toContain('Machine.Read.All, Machine.ReadWrite.All');
		expect(statusAndCode(one)).toEqual([403, 'Forbidden']);
	});
});

describe('Simulator machine action lookups', () => {
	it("lists by $filter=id in ('a','b')", async () => {
		await start();
		const [first, , third] = simulator.seed(4);

		const answer = await get(
			`/api/machineactions?${filterQuery(`id in ('${first.id}','${third.id}')`)}`,
		);

		expect((answer.body.value as Entity[]).map((action) => action.id)).toEqual([
			first.id,
			third.id,
		]);
	});

	it('finds the pending action of one type on one machine: machineId, type and status in (...)', async () => {
		await start();
		const machine = 'a'.repeat(40);
		const pending = simulator.addAction({ machineId: machine, type: 'Isolate', status: 'Pending' });
		const running = simulator.addAction({
			machineId: machine,
			type: 'Isolate',
			status: 'InProgress',
		});
		simulator.addAction({ machineId: machine, type: 'Isolate', status: 'Succeeded' });
		simulator.addAction({ machineId: machine, type: 'RunAntiVirusScan', status: 'Pending' });
		simulator.addAction({ machineId: 'b'.repeat(40), type: 'Isolate', status: 'Pending' });

		const answer = await get(
			`/api/machineactions?${filterQuery(`machineId eq '${machine}' and type eq 'Isolate' and status in ('Pending','InProgress')`)}`,
		);

		expect((answer.body.value as Entity[]).map((action) => action.id)).toEqual([
			pending.id,
			running.id,
		]);
	});

	it('shows an unsettled cancel in lists as Get does, each listed read counting once', async () => {
		await start({ cancelSettlesAfterReads: 2 });
		const [action] = simulator.seed(1, { status: 'InProgress' });
		await call('POST', `/api/machineactions/${action.id}/cancel`, { body: { Comment: 'stop' } });
		const byStatus = `/api/machineactions?${filterQuery("status in ('Pending','InProgress')")}`;

		const first = await get(byStatus);
		const second = await get(`/api/machineactions?${filterQuery(`id in ('${action.id}')`)}`);
		const third = await get(byStatus);

		expect((first.body.value as Entity[]).map((entity) => entity.status)).toEqual(['InProgress']);
		expect((second.body.value as Entity[]).map((entity) => entity.status)).toEqual(['Cancelled']);
		expect(third.body.value).toEqual([]);
	});

	it.each([
		['get', 'GET', '/api/machineactions/00000000-1111-4222-8333-444444444444'],
		['cancel', 'POST', '/api/machineactions/00000000-1111-4222-8333-444444444444/cancel'],
		[
			'getPackageUri',
			'GET',
			'/api/machineactions/00000000-1111-4222-8333-444444444444/getPackageUri',
		],
	] as const)(
		'answers an unknown action id on %s with 404 ResourceNotFound',
		async (_label, method, path) => {
			await start();

			const answer = await call(method, path, { body: { Comment: 'x' } });

			expect(statusAndCode(answer)).toEqual([404, 'ResourceNotFound']);
			expect(answer.body.error?.message).toBe(
				'Machine action with id 00000000-1111-4222-8333-444444444444 was not found',
			);
		},
	);

	it.each([['/api/alerts/123'], ['/api/machines/abc/isolate/now'], ['/somewhere/else']])(
		'answers the unknown route %s with 404 ResourceNotFound',
		async (path) => {
			await start();

			expect(statusAndCode(await get(path))).toEqual([404, 'ResourceNotFound']);
		},
	);
});

describe('Simulator launches machine actions', () => {
	const sha1 = 'd4ac4ef5f4f1b4e4b3c2a1f0e9d8c7b6a5f4e3d2';

	it.each([
		['isolate', { Comment: 'c', IsolationType: 'Selective' }, 'Isolate', 'Selective', null],
		['isolate', { Comment: 'c' }, 'Isolate', 'Full', null],
		[
			'Isolate',
			{ Comment: 'c', IsolationType: 'UnManagedDevice' },
			'Isolate',
			'UnManagedDevice',
			null,
		],
		['unisolate', { Comment: 'c' }, 'Unisolate', null, null],
		['runAntiVirusScan', { Comment: 'c', ScanType: 'Quick' }, 'RunAntiVirusScan', 'Quick', null],
		['runantivirusscan', { Comment: 'c', ScanType: 'Full' }, 'RunAntiVirusScan', 'Full', null],
		['collectInvestigationPackage', { Comment: 'c' }, 'CollectInvestigationPackage', null, null],
		['restrictCodeExecution', { Comment: 'c' }, 'RestrictCodeExecution', null, null],
		['unrestrictCodeExecution', { Comment: 'c' }, 'UnrestrictCodeExecution', null, null],
		[
			'StopAndQuarantineFile',
			{ Comment: 'c', Sha1: sha1 },
			'StopAndQuarantineFile',
			null,
			{ fileIdentifier: sha1, fileIdentifierType: 'Sha1' },
		],
		[
			'stopandquarantinefile',
			{ Comment: 'c', Sha1: sha1 },
			'StopAndQuarantineFile',
			null,
			{ fileIdentifier: sha1, fileIdentifierType: 'Sha1' },
		],
		['offboard', { Comment: 'c' }, 'Offboard', null, null],
	])(
		'POST .../%s with %j answers 201 with a Pending action',
		async (path, body, type, scope, relatedFileInfo) => {
			await start();
			const [, machine] = simulator.seedMachines(2);

			const answer = await launch(machine.id, path, body);

			expect(answer.status).toBe(201);
			expect(answer.body).toMatchObject({
				type,
				scope,
				relatedFileInfo,
				status: 'Pending',
				requestor: DEFAULT_APP.name,
				requestorComment: 'c',
				requestSource: 'PublicApi',
				machineId: machine.id,
				computerDnsName: machine.computerDnsName,
				creationDateTimeUtc: new Date(START).toISOString(),
				lastUpdateDateTimeUtc: new Date(START).toISOString(),
				cancellationRequestor: null,
			});
			expect(String(answer.body['@odata.context'])).toMatch(/#MachineActions\/\$entity$/);
			expect(simulator.actions.get(String(answer.body.id))).toMatchObject({
				type,
				status: 'Pending',
			});
			expect(simulator.apiRequests()[0].endpoint).toBe(type[0].toLowerCase() + type.slice(1));
		},
	);

	it.each([
		['a lower-case comment', 'isolate', { comment: 'c' }, 400, 'MissingRequiredParameter'],
		['an empty Comment', 'unisolate', { Comment: '  ' }, 400, 'MissingRequiredParameter'],
		['a Comment that is not a string', 'offboard', { Comment: 5 }, 400, 'MissingRequiredParameter'],
		[
			'an unknown IsolationType',
			'isolate',
			{ Comment: 'c', IsolationType: 'Partial' },
			400,
			'InvalidInput',
		],
		[
			'a lower-case isolation type value',
			'isolate',
			{ Comment: 'c', IsolationType: 'full' },
			400,
			'InvalidInput',
		],
		['a missing ScanType', 'runAntiVirusScan', { Comment: 'c' }, 400, 'MissingRequiredParameter'],
		[
			'a lower-case scanType key',
			'runAntiVirusScan',
			{ Comment: 'c', scanType: 'Quick' },
			400,
			'MissingRequiredParameter',
		],
		[
			'an unknown ScanType',
			'runAntiVirusScan',
			{ Comment: 'c', ScanType: 'Deep' },
			400,
			'InvalidInput',
		],
		[
			'a Sha1 that is too short',
			'StopAndQuarantineFile',
			{ Comment: 'c', Sha1: 'abc123' },
			400,
			'InvalidHashValue',
		],
		[
			'a SHA-256 given as Sha1',
			'StopAndQuarantineFile',
			{ Comment: 'c', Sha1: 'a'.repeat(64) },
			400,
			'InvalidHashValue',
		],
		['a missing Sha1', 'StopAndQuarantineFile', { Comment: 'c' }, 400, 'MissingRequiredParameter'],
	])('rejects %s', async (_label, path, body, status, code) => {
		await start();
		const [machine] = simulator.seedMachines(1);

		const answer = await launch(machine.id, path, body);

		expect(statusAndCode(answer)).toEqual([status, code]);
		expect(simulator.actions.size).toBe(0);
	});

	it.each([
		[
			'a wrong content type',
			{ contentType: 'text/plain', rawBody: '{"Comment":"c"}' },
			415,
			'UnsupportedMediaType',
		],
		['a body that is not JSON', { rawBody: '{' }, 400, 'InvalidRequestBody'],
	])('rejects %s', async (_label, options, status, code) => {
		await start();
		const [machine] = simulator.seedMachines(1);

		const answer = await call('POST', `/api/machines/${machine.id}/isolate`, options);

		expect(statusAndCode(answer)).toEqual([status, code]);
	});

	it('takes only a 40-hex machine id: 400 InvalidInput for a name, 404 ResourceNotFound for an unknown id', async () => {
		await start();
		simulator.seedMachines(1);
		const unknown = 'f'.repeat(40);

		const byName = await launch('desktop-000.contoso.local', 'isolate', { Comment: 'c' });
		const byUnknownId = await launch(unknown, 'isolate', { Comment: 'c' });

		expect(statusAndCode(byName)).toEqual([400, 'InvalidInput']);
		expect(statusAndCode(byUnknownId)).toEqual([404, 'ResourceNotFound']);
		expect(byUnknownId.body.error?.message).toBe(`Machine ${unknown} was not found`);
	});

	it.each([
		['isolate', {}, 'Machine.Isolate'],
		['unisolate', {}, 'Machine.Isolate'],
		['runAntiVirusScan', { ScanType: 'Quick' }, 'Machine.Scan'],
		['collectInvestigationPackage', {}, 'Machine.CollectForensics'],
		['restrictCodeExecution', {}, 'Machine.RestrictExecution'],
		['unrestrictCodeExecution', {}, 'Machine.RestrictExecution'],
		['StopAndQuarantineFile', { Sha1: sha1 }, 'Machine.StopAndQuarantine'],
		['offboard', {}, 'Machine.Offboard'],
	])('%s needs %s: 403 without it, 201 with it', async (path, extra, role) => {
		const without = appWithRoles(DEFAULT_APP.roles.filter((candidate) => candidate !== role));
		const only = appWithRoles([role]);
		await start({ apps: [without, only] });
		const [machine] = simulator.seedMachines(1);

		const refused = await launch(machine.id, path, { Comment: 'c', ...extra }, without);
		const accepted = await launch(machine.id, path, { Comment: 'c', ...extra }, only);

		expect(statusAndCode(refused)).toEqual([403, 'Forbidden']);
		expect(refused.body.error?.message).toContain(role);
		expect(accepted.status).toBe(201);
	});

	describe('a repeat while the same kind of action is Pending or InProgress', () => {
		it('answers 400 ActiveRequestAlreadyExists by default, and launches again once the first is final', async () => {
			await start();
			const [machine, other] = simulator.seedMachines(2);
			const first = await launch(machine.id, 'runAntiVirusScan', {
				Comment: 'c',
				ScanType: 'Quick',
			});

			const repeat = await launch(machine.id, 'runAntiVirusScan', {
				Comment: 'again',
				ScanType: 'Full',
			});
			const otherType = await launch(machine.id, 'collectInvestigationPackage', { Comment: 'c' });
			const otherMachine = await launch(other.id, 'runAntiVirusScan', {
				Comment: 'c',
				ScanType: 'Quick',
			});
			simulator.setActionStatus(String(first.body.id), 'InProgress');
			const whileRunning = await launch(machine.id, 'runAntiVirusScan', {
				Comment: 'c',
				ScanType: 'Quick',
			});
			await call('POST', `/api/machineactions/${String(first.body.id)}/cancel`, {
				body: { Comment: 'stop' },
			});
			const afterCancel = await launch(machine.id, 'runAntiVirusScan', {
				Comment: 'c',
				ScanType: 'Quick',
			});

			expect(statusAndCode(repeat)).toEqual([400, 'ActiveRequestAlreadyExists']);
			expect(repeat.body.error?.message).toBe('Action is already in progress');
			expect(statusAndCode(whileRunning)).toEqual([400, 'ActiveRequestAlreadyExists']);
			expect([otherType.status, otherMachine.status, afterCancel.status]).toEqual([201, 201, 201]);
			expect(afterCancel.body.id).not.toBe(first.body.id);
		});

		it('counts an action seeded by hand on the machine too', async () => {
			await start();
			const [machine] = simulator.seedMachines(1);
			simulator.addAction({ machineId: machine.id, type: 'Isolate', status: 'Pending' });

			expect(statusAndCode(await launch(machine.id, 'isolate', { Comment: 'c' }))).toEqual([
				400,
				'ActiveRequestAlreadyExists',
			]);
		});

		it.each([
			['the option', async () => await start({ duplicateAnswer: 'existing' })],
			[
				'the public property',
				async () => {
					await start();
					simulator.duplicateAnswer = 'existing';
				},
			],
			[
				'the admin control',
				async () => {
					await start();
					const switched = await fetch(`${simulator.url}/_simulator/duplicates?answer=existing`, {
						method: 'POST',
					});
					expect(switched.status).toBe(200);
				},
			],
		])(
			"answers 201 with the existing action unchanged when set to 'existing' through %s",
			async (_label, setUp) => {
				await setUp();
				const [machine] = simulator.seedMachines(1);
				const first = await launch(machine.id, 'isolate', {
					Comment: 'first',
					IsolationType: 'Selective',
				});
				fixture.clock += 5000;

				const repeat = await launch(machine.id, 'isolate', {
					Comment: 'second',
					IsolationType: 'Full',
				});

				expect(repeat.status).toBe(201);
				expect(repeat.body).toEqual(first.body);
				expect(simulator.actions.size).toBe(1);
			},
		);
	});
});

describe('Simulator action lifecycle', () => {
	const lifecycle = { inProgressAfterMs: 1000, finalAfterMs: 5000 };

	const launchIsolate = async () => {
		const [machine] = simulator.seedMachines(1);
		const answer = await launch(machine.id, 'isolate', { Comment: 'c' });
		return String(answer.body.id);
	};

	it.each([
		[undefined, 'Succeeded'],
		['Succeeded', 'Succeeded'],
		['Failed', 'Failed'],
	] as const)(
		'moves a launched action Pending → InProgress → final (outcome %s), as of the clock on each read',
		async (outcome, final) => {
			await start({ lifecycle: { ...lifecycle, outcome } });
			const id = await launchIsolate();
			const read = async (at: number) => {
				fixture.clock = START + at;
				const answer = await get(`/api/machineactions/${id}`);
				return [answer.body.status, answer.body.lastUpdateDateTimeUtc];
			};

			expect(await read(999)).toEqual(['Pending', new Date(START).toISOString()]);
			expect(await read(1000)).toEqual(['InProgress', new Date(START + 1000).toISOString()]);
			expect(await read(4999)).toEqual(['InProgress', new Date(START + 1000).toISOString()]);
			expect(await read(60_000)).toEqual([final, new Date(START + 5000).toISOString()]);
			expect(simulator.actions.get(id)?.status).toBe(final);
		},
	);

	it('moves actions seen through the list as well', async () => {
		await start({ lifecycle });
		const id = await launchIsolate();
		fixture.clock += 6000;

		const answer = await get(`/api/machineactions?${filterQuery(`id eq '${id}'`)}`);

		expect((answer.body.value as Entity[])[0].status).toBe('Succeeded');
	});

	it('stops moving an action once it is cancelled', async () => {
		await start({ lifecycle });
		const id = await launchIsolate();
		fixture.clock += 2000;
		const cancelled = await call('POST', `/api/machineactions/${id}/cancel`, {
			body: { Comment: 'stop' },
		});
		fixture.clock += 10_000;

		const later = await get(`/api/machineactions/${id}`);

		expect(cancelled.body.status).toBe('Cancelled');
		expect(later.body.status).toBe('Cancelled');
	});

	it('leaves launched actions Pending without a lifecycle', async () => {
		await start();
		const id = await launchIsolate();
		fixture.clock += 3_000_000;

		expect((await get(`/api/machineactions/${id}`)).body.status).toBe('Pending');
	});

	it('leaves actions seeded by hand alone even with a lifecycle', async () => {
		await start({ lifecycle });
		const [seeded] = simulator.seed(1);
		fixture.clock += 3_000_000;

		expect((await get(`/api/machineactions/${seeded.id}`)).body.status).toBe('Pending');
	});

	it('sets a status by hand through setActionStatus and the admin control, which the lifecycle then leaves alone', async () => {
		await start({ lifecycle });
		const id = await launchIsolate();
		const [seeded] = simulator.seed(1);

		simulator.setActionStatus(id, 'Failed');
		const admin = await fetch(
			`${simulator.url}/_simulator/actions/${seeded.id}/status?status=TimeOut`,
			{ method: 'POST' },
		);
		const badStatus = await fetch(
			`${simulator.url}/_simulator/actions/${seeded.id}/status?status=Done`,
			{ method: 'POST' },
		);
		fixture.clock += 60_000;

		expect(admin.status).toBe(200);
		expect(badStatus.status).toBe(400);
		expect((await get(`/api/machineactions/${id}`)).body.status).toBe('Failed');
		expect((await get(`/api/machineactions/${seeded.id}`)).body.status).toBe('TimeOut');
		expect(() =>
			simulator.setActionStatus('00000000-1111-4222-8333-444444444444', 'Succeeded'),
		).toThrow(/No machine action/);
	});

	it('answers 404 on Get of a freshly launched action while lists already show it', async () => {
		await start({ freshActionNotFoundMs: 2000 });
		const id = await launchIsolate();
		const [seeded] = simulator.seed(1);

		fixture.clock += 1999;
		const fresh = await get(`/api/machineactions/${id}`);
		const listed = await get(`/api/machineactions?${filterQuery(`id eq '${id}'`)}`);
		const seededRead = await get(`/api/machineactions/${seeded.id}`);
		fixture.clock += 1;
		const settled = await get(`/api/machineactions/${id}`);

		expect(statusAndCode(fresh)).toEqual([404, 'ResourceNotFound']);
		expect((listed.body.value as Entity[]).map((action) => action.id)).toEqual([id]);
		expect(seededRead.status).toBe(200);
		expect([settled.status, settled.body.id]).toEqual([200, id]);
	});
});

describe('Simulator investigation package link', () => {
	it('answers 404 until the collection succeeded, then a link to another origin that downloads without a token', async () => {
		await start({ endpointRateLimits: { getPackageUri: { perWindow: 10 } } });
		const [machine] = simulator.seedMachines(1);
		const collection = await launch(machine.id, 'collectInvestigationPackage', {
			Comment: 'collect',
		});
		const id = String(collection.body.id);
		const [scan] = simulator.seed(1, { type: 'RunAntiVirusScan', status: 'Succeeded' });

		const pending = await get(`/api/machineactions/${id}/getPackageUri`);
		simulator.setActionStatus(id, 'InProgress');
		const running = await get(`/api/machineactions/${id}/getPackageUri`);
		const notACollection = await get(`/api/machineactions/${scan.id}/getPackageUri`);
		simulator.setActionStatus(id, 'Succeeded');
		const ready = await get(`/api/machineactions/${id}/GetPackageUri`);

		expect(statusAndCode(pending)).toEqual([404, 'ResourceNotFound']);
		expect(pending.body.error?.message).toBe(`Package for action ${id} is not available`);
		expect(statusAndCode(running)).toEqual([404, 'ResourceNotFound']);
		expect(statusAndCode(notACollection)).toEqual([404, 'ResourceNotFound']);
		expect(ready.status).toBe(200);
		const link = new URL(String(ready.body.value));
		expect(link.origin).toBe(simulator.downloadOrigin);
		expect(link.origin).not.toBe(simulator.url);
		expect(link.pathname).toBe(`/packages/${id}.zip`);
		expect(link.searchParams.get('sv')).toBe('2026-01-01');
		expect(link.searchParams.get('sig')).toMatch(/^[0-9a-f]{32}$/);

		const download = await fetch(link);
		const bytes = Buffer.from(await download.arrayBuffer());

		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/zip');
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
		expect(bytes).toEqual(investigationPackage(id));
		expect(simulator.downloadRequests).toHaveLength(1);
		expect(simulator.downloadRequests[0]).toMatchObject({
			method: 'GET',
			path: `/packages/${id}.zip`,
			status: 200,
		});
		expect(simulator.downloadRequests[0].headers.authorization).toBeUndefined();
		expect(simulator.requests.some((request) => request.path.startsWith('/packages/'))).toBe(false);
	});

	it.each([
		['a wrong sig', (link: URL) => link.searchParams.set('sig', '0'.repeat(32))],
		['no sig', (link: URL) => link.searchParams.delete('sig')],
		[
			'the sig of another package',
			(link: URL) => (link.pathname = '/packages/00000000-1111-4222-8333-444444444444.zip'),
		],
	])('refuses a download with %s (403)', async (_label, tamper) => {
		await start();
		const [action] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'Succeeded',
		});
		const link = new URL(
			String((await get(`/api/machineactions/${action.id}/getPackageUri`)).body.value),
		);
		tamper(link);

		const download = await fetch(link);

		expect(download.status).toBe(403);
		expect(simulator.downloadRequests.map((request) => request.status)).toEqual([403]);
	});

	it('needs Machine.Read.All or Machine.ReadWrite.All', async () => {
		const limited = appWithRoles(['Machine.CollectForensics']);
		await start({ apps: [DEFAULT_APP, limited] });
		const [action] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'Succeeded',
		});

		expect(
			statusAndCode(await get(`/api/machineactions/${action.id}/getPackageUri`, limited)),
		).toEqual([403, 'Forbidden']);
	});
});

describe('Simulator rate limits per endpoint', () => {
	it('limits getPackageUri to 2 a window while cancel, get and list keep their own budgets', async () => {
		await start();
		const [collection, ...pending] = simulator.seed(3, { type: 'CollectInvestigationPackage' });
		simulator.setActionStatus(collection.id, 'Succeeded');

		const links = [];
		for (let index = 0; index < 3; index++)
			links.push(await get(`/api/machineactions/${collection.id}/getPackageUri`));
		const cancel = await call('POST', `/api/machineactions/${pending[0].id}/cancel`, {
			body: { Comment: 'stop' },
		});
		const read = await get(`/api/machineactions/${pending[1].id}`);

		expect(links.map((answer) => answer.status)).toEqual([200, 200, 429]);
		expect(links[2].body.error?.code).toBe('TooManyRequests');
		expect(links[2].headers.get('retry-after')).toBe('60');
		expect([cancel.status, read.status]).toEqual([200, 200]);
		expect(simulator.rateLimited).toBe(1);
		expect(simulator.rateLimitedByEndpoint).toEqual({ getPackageUri: 1 });
	});

	it('scales the windows with rateLimit, enforces the hourly 120 and takes per-class overrides', async () => {
		await start({
			rateLimit: { windowMs: 1000, hourMs: 10_000 },
			endpointRateLimits: { getPackageUri: { perHour: 3 }, listActions: { perWindow: 1 } },
		});
		const [action] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'Succeeded',
		});
		const packageUri = async () =>
			(await get(`/api/machineactions/${action.id}/getPackageUri`)).status;

		const firstWindow = [await packageUri(), await packageUri(), await packageUri()];
		fixture.clock += 1000;
		const secondWindow = [await packageUri(), await packageUri()];
		const lists = [
			(await get('/api/machineactions')).status,
			(await get('/api/machineactions')).status,
		];
		const afterHour = await get(`/api/machineactions/${action.id}/getPackageUri`);

		expect(firstWindow).toEqual([200, 200, 429]);
		expect(secondWindow).toEqual([200, 429]);
		expect(lists).toEqual([200, 429]);
		expect(afterHour.headers.get('retry-after')).toBe('9');
		expect(simulator.rateLimitedByEndpoint).toEqual({ getPackageUri: 3, listActions: 1 });
	});

	it('defaults getPackageUri to 120 an hour', async () => {
		await start({ rateLimit: { windowMs: 1000, hourMs: 3_600_000 } });
		const [action] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'Succeeded',
		});
		const statuses: number[] = [];
		for (let window = 0; window < 61; window++) {
			for (let call = 0; call < 2; call++)
				statuses.push((await get(`/api/machineactions/${action.id}/getPackageUri`)).status);
			fixture.clock += 1000;
		}

		expect(statuses.filter((status) => status === 200)).toHaveLength(120);
		expect(statuses.slice(-2)).toEqual([429, 429]);
	});

	it('keeps launches of different kinds in their own classes', async () => {
		await start({ rateLimit: { perWindow: 1 } });
		const [first, second] = simulator.seedMachines(2);

		const statuses = [
			(await launch(first.id, 'isolate', { Comment: 'c' })).status,
			(await launch(second.id, 'isolate', { Comment: 'c' })).status,
			(await launch(first.id, 'runAntiVirusScan', { Comment: 'c', ScanType: 'Quick' })).status,
			(await launch(first.id, 'offboard', { Comment: 'c' })).status,
		];

		expect(statuses).toEqual([201, 429, 201, 201]);
		expect(simulator.rateLimitedByEndpoint).toEqual({ isolate: 1 });
	});

	it('records the endpoint class of each API request', async () => {
		await start({ rateLimit: false });
		const [machine] = simulator.seedMachines(1);
		const [action] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'Succeeded',
		});

		await get('/api/machineactions');
		await get(`/api/machineactions/${action.id}`);
		await get(`/api/machineactions/${action.id}/getPackageUri`);
		await call('POST', `/api/machineactions/${action.id}/cancel`, { body: { Comment: 'c' } });
		await get('/api/machines');
		await get(`/api/machines/${machine.id}`);
		await launch(machine.id, 'StopAndQuarantineFile', { Comment: 'c', Sha1: 'a'.repeat(40) });
		await get('/api/unknown');

		expect(simulator.requests.map((request) => request.endpoint)).toEqual([
			undefined,
			'listActions',
			'getAction',
			'getPackageUri',
			'cancel',
			'machines',
			'machines',
			'stopAndQuarantineFile',
			undefined,
		]);
	});
});

describe('Simulator admin controls for machines', () => {
	it('seeds and lists machines', async () => {
		await start();

		const seeded = await fetch(`${simulator.url}/_simulator/machines/seed?count=3`, {
			method: 'POST',
		});
		const listed = await fetch(`${simulator.url}/_simulator/machines`);

		expect(await seeded.json()).toEqual(
			[0, 1, 2].map((index) => ({
				id: [...simulator.machines.keys()][index],
				computerDnsName: desktop(index)[0],
			})),
		);
		expect(((await listed.json()) as Entity[]).map((machine) => machine.computerDnsName)).toEqual(
			desktop(0, 1, 2),
		);
	});

	it('seeds a new incident of the severity asked for, and refuses an unknown severity', async () => {
		await start();
		const before = simulator.graph.incidents.size;

		const seeded = await fetch(`${simulator.url}/_simulator/incidents/seed?severity=high`, {
			method: 'POST',
		});
		const refused = await fetch(`${simulator.url}/_simulator/incidents/seed?severity=High`, {
			method: 'POST',
		});

		expect(seeded.status).toBe(200);
		const [incident] = (await seeded.json()) as Entity[];
		expect(incident.severity).toBe('high');
		expect(simulator.graph.incidents.get(incident.id)).toEqual(incident);
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
			'severity must be one of low, medium, high, informational',
		);
		expect(simulator.graph.incidents.size).toBe(before + 1);
	});

	it('refuses an unknown duplicate answer', async () => {
		await start();

		const answer = await fetch(`${simulator.url}/_simulator/duplicates?answer=maybe`, {
			method: 'POST',
		});

		expect(answer.status).toBe(400);
		expect(simulator.duplicateAnswer).toBe('error');
	});
});
