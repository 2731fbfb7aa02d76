import { DEFAULT_APP, ENDPOINT_CLASSES, startDefenderSimulator } from '../../simulator/server';
import type {
	DefenderSimulator,
	SimulatedAlert,
	SimulatedApp,
	SimulatorOptions,
} from '../../simulator/server';
import { SIMULATOR_START as START, SimulatorFixture } from '../harness/simulatorFixture';
import type { Answer, CallOptions } from '../harness/simulatorFixture';

type Shown = Record<string, unknown> & { id: string };

const iso = (ms: number) => new Date(ms).toISOString();

let simulator: DefenderSimulator;
const fixture = new SimulatorFixture();
const start = async (options: SimulatorOptions = {}) => (simulator = await fixture.start(options));
const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, options?: CallOptions) =>
	await fixture.call(method, path, options);

afterEach(async () => await fixture.close());

const get = async (path: string, app?: SimulatedApp) => await call('GET', path, { app });
const patch = async (id: string, body: unknown, app?: SimulatedApp) =>
	await call('PATCH', `/api/alerts/${id}`, { body, app });
const filterQuery = (filter: string) => `$filter=${encodeURIComponent(filter)}`;
const statusAndCode = (answer: Answer) => [answer.status, answer.body.error?.code];
const shown = (answer: Answer) => answer.body.value as Shown[];
const ids = (answer: Answer) => shown(answer).map((alert) => alert.id);
/** Seed positions of the alerts a list answered, which reads better than ids in expectations. */
const positions = (answer: Answer, seeded: SimulatedAlert[]) =>
	ids(answer).map((id) => seeded.findIndex((alert) => alert.id === id));
const admin = async (method: 'GET' | 'POST', path: string, body?: string) => {
	const response = await fetch(`${simulator.url}/_simulator${path}`, { method, body });
	return { status: response.status, body: (await response.json()) as unknown };
};

const appWithRoles = (roles: string[], suffix: string): SimulatedApp => ({
	tenantId: DEFAULT_APP.tenantId,
	clientId: `bbbbbbbb-0000-0000-0000-${suffix.padStart(12, '0')}`,
	clientSecret: 'limited-secret',
	roles,
	name: 'limited app',
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('Condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('Simulator alert entities', () => {
	it('gives an added alert realistic defaults, a Defender-style id and now() as its times', async () => {
		await start();
		const [machine] = simulator.seedMachines(1);

		const alert = simulator.addAlert();

		expect(alert.id).toMatch(/^da\d{18}_\d{9,10}$/);
		expect(alert).toMatchObject({
			severity: 'Medium',
			status: 'New',
			classification: null,
			determination: null,
			assignedTo: null,
			resolvedTime: null,
			investigationState: 'Queued',
			detectionSource: 'WindowsDefenderAv',
			category: 'Malware',
			machineId: machine.id,
			computerDnsName: machine.computerDnsName,
			rbacGroupName: machine.rbacGroupName,
			aadTenantId: DEFAULT_APP.tenantId,
			alertCreationTime: iso(START),
			lastUpdateTime: iso(START),
			comments: [],
		});
		expect(typeof alert.incidentId).toBe('number');
		expect(Date.parse(alert.firstEventTime)).toBeLessThan(Date.parse(alert.lastEventTime));
		expect(alert.evidence.map((entry) => entry.entityType)).toEqual(['File', 'User']);
		expect(simulator.alerts.get(alert.id)).toBe(alert);
	});

	it('spreads alerts over the seeded machines, and uses deterministic machine ids when none is seeded', async () => {
		await start();
		const orphan = simulator.addAlert();
		const machines = simulator.seedMachines(2);

		const linked = simulator.seedAlerts(3).map((alert) => alert.computerDnsName);
		const named = simulator.addAlert({ machineId: machines[1].id.toUpperCase() });

		expect(orphan.machineId).toMatch(/^[0-9a-f]{40}$/);
		expect(new Set(linked)).toEqual(new Set(machines.map((machine) => machine.computerDnsName)));
		expect(named.computerDnsName).toBe(machines[1].computerDnsName);
	});

	it('makes ids unique and different even for alerts created in the same millisecond', async () => {
		await start();

		const alerts = simulator.seedAlerts(50, { alertCreationTime: iso(START) });

		expect(new Set(alerts.map((alert) => alert.id)).size).toBe(50);
		expect(alerts.every((alert) => /^da\d{18}_\d{9,10}$/.test(alert.id))).toBe(true);
	});

	it('seeds creation times 1 s apart ending now, unless an override makes them equal', async () => {
		await start();

		const spread = simulator.seedAlerts(3);
		const equal = simulator.seedAlerts(2, {
			alertCreationTime: iso(START - 5000),
			lastUpdateTime: iso(START - 4000),
		});

		expect(spread.map((alert) => alert.alertCreationTime)).toEqual([
			iso(START - 2000),
			iso(START - 1000),
			iso(START),
		]);
		expect(spread.map((alert) => alert.lastUpdateTime)).toEqual([
			iso(START - 2000),
			iso(START - 1000),
			iso(START),
		]);
		expect(equal.map((alert) => [alert.alertCreationTime, alert.lastUpdateTime])).toEqual([
			[iso(START - 5000), iso(START - 4000)],
			[iso(START - 5000), iso(START - 4000)],
		]);
	});

	it('updates an alert as the system would, bumping lastUpdateTime and setting resolvedTime', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		fixture.clock += 30_000;

		const updated = simulator.updateAlertBySystem(alert.id, {
			status: 'Resolved',
			investigationState: 'SuccessfullyRemediated',
		});

		expect(updated).toMatchObject({
			status: 'Resolved',
			lastUpdateTime: iso(START + 30_000),
			resolvedTime: iso(START + 30_000),
		});
		expect(() => simulator.updateAlertBySystem('da000', {})).toThrow('No alert with id da000');
	});
});

describe('Simulator lists alerts', () => {
	/*
	 * Ten alerts seeded 1 s apart on three machines; the defaults cycle by position (0..4, then again):
	 * Medium Malware WindowsDefenderAv, High Ransomware WindowsDefenderAtp, Low SuspiciousActivity WindowsDefenderAtp,
	 * High CommandAndControl CustomDetection, Informational SuspiciousActivity AutomatedInvestigation.
	 */
	it.each([
		["severity in ('High','Medium')", [0, 1, 3, 5, 6, 8]],
		["severity eq 'Informational'", [4, 9]],
		["status eq 'InProgress'", [2]],
		["status ne 'New'", [2, 7]],
		["detectionSource eq 'CustomDetection'", [3, 8]],
		["category eq 'SuspiciousActivity' and detectionSource eq 'WindowsDefenderAtp'", [2, 7]],
		['incidentId eq 7002', [4, 5]],
		['incidentId in (7000, 7004)', [0, 1, 8, 9]],
		["assignedTo eq 'Analyst@Contoso.com'", [7]],
		[`alertCreationTime ge ${iso(START - 2000)}`, [7, 8, 9]],
		[`alertCreationTime lt ${iso(START - 8000)} or lastUpdateTime gt ${iso(START)}`, [0, 2, 7]],
		[`lastEventTime le ${iso(START - 69_000)}`, [0]],
	])('filters with %s', async (filter, expected) => {
		await start();
		simulator.seedMachines(3);
		const seeded = simulator.seedAlerts(10);
		simulator.updateAlertBySystem(seeded[2].id, {
			status: 'InProgress',
			lastUpdateTime: iso(START + 1000),
		});
		simulator.updateAlertBySystem(seeded[7].id, {
			status: 'Resolved',
			assignedTo: 'analyst@contoso.com',
			lastUpdateTime: iso(START + 2000),
		});

		const answer = await get(`/api/alerts?${filterQuery(filter)}`);

		expect(answer.status).toBe(200);
		expect(positions(answer, seeded)).toEqual(expected);
	});

	it('filters on machineId and id', async () => {
		await start();
		const [, second] = simulator.seedMachines(2);
		const seeded = simulator.seedAlerts(4);

		const byMachine = await get(`/api/alerts?${filterQuery(`machineId eq '${second.id}'`)}`);
		const byId = await get(
			`/api/alerts?${filterQuery(`id in ('${seeded[3].id}','${seeded[0].id}')`)}`,
		);

		expect(positions(byMachine, seeded)).toEqual([1, 3]);
		expect(positions(byId, seeded)).toEqual([0, 3]);
	});

	it('tells gt from ge on lastUpdateTime when several alerts share the same timestamp', async () => {
		await start();
		const same = iso(START - 10_000);
		const seeded = [
			...simulator.seedAlerts(3, { lastUpdateTime: same }),
			simulator.addAlert({ lastUpdateTime: iso(START - 9000) }),
		];

		const after = await get(`/api/alerts?${filterQuery(`lastUpdateTime gt ${same}`)}`);
		const from = await get(`/api/alerts?${filterQuery(`lastUpdateTime ge ${same}`)}`);
		const sameCreation = simulator.seedAlerts(2, { alertCreationTime: iso(START + 1000) });
		const created = await get(
			`/api/alerts?${filterQuery(`alertCreationTime eq ${iso(START + 1000)}`)}`,
		);

		expect(positions(after, seeded)).toEqual([3]);
		expect(positions(from, seeded)).toEqual([0, 1, 2, 3]);
		expect(ids(created)).toEqual(sameCreation.map((alert) => alert.id).sort());
	});

	it('answers 200 with an empty value when nothing matches, and when there are no alerts', async () => {
		await start();
		const none = await get('/api/alerts');
		simulator.seedAlerts(2);
		const unmatched = await get(`/api/alerts?${filterQuery("severity eq 'UnSpecified'")}`);

		expect([none.status, none.body.value]).toEqual([200, []]);
		expect([unmatched.status, unmatched.body.value]).toEqual([200, []]);
		expect(none.body['@odata.context']).toBe(`${simulator.url}/api/$metadata#Alerts`);
	});

	it.each([
		["title eq 'x'", 'ODataError'],
		['severity eq', 'ODataError'],
	])('refuses the filter %s with 400 %s', async (filter, code) => {
		await start();

		expect(statusAndCode(await get(`/api/alerts?${filterQuery(filter)}`))).toEqual([400, code]);
	});

	describe('$orderby', () => {
		/* Alerts 0..3 created 1 s apart; 1 updated last, 3 updated first, 0 and 2 share lastUpdateTime. */
		it.each([
			['', [0, 1, 2, 3]],
			['alertCreationTime', [0, 1, 2, 3]],
			['alertCreationTime asc', [0, 1, 2, 3]],
			['alertCreationTime desc', [3, 2, 1, 0]],
			['lastUpdateTime desc', [1, 0, 2, 3]],
			['lastUpdateTime asc', [3, 0, 2, 1]],
			['lastUpdateTime asc,alertCreationTime desc', [3, 2, 0, 1]],
		])("orders by '%s'", async (orderby, expected) => {
			await start();
			const seeded = simulator.seedAlerts(4);
			simulator.updateAlertBySystem(seeded[3].id, { lastUpdateTime: iso(START - 9000) });
			simulator.updateAlertBySystem(seeded[0].id, { lastUpdateTime: iso(START + 1000) });
			simulator.updateAlertBySystem(seeded[2].id, { lastUpdateTime: iso(START + 1000) });
			simulator.updateAlertBySystem(seeded[1].id, { lastUpdateTime: iso(START + 5000) });

			const answer = await get(
				`/api/alerts${orderby ? `?$orderby=${encodeURIComponent(orderby)}` : ''}`,
			);

			expect(positions(answer, seeded)).toEqual(expected);
		});

		it('orders equal creation times by id', async () => {
			await start();
			const seeded = simulator.seedAlerts(3, { alertCreationTime: iso(START) });

			const answer = await get('/api/alerts');

			expect(ids(answer)).toEqual(seeded.map((alert) => alert.id).sort());
		});

		it.each(['severity desc', 'lastUpdateTime sideways'])(
			"refuses '%s' with 400 ODataError",
			async (orderby) => {
				await start();

				expect(
					statusAndCode(await get(`/api/alerts?$orderby=${encodeURIComponent(orderby)}`)),
				).toEqual([400, 'ODataError']);
			},
		);
	});

	describe('$expand=evidence', () => {
		it.each([
			['/api/alerts', false],
			['/api/alerts?$expand=evidence', true],
			['/api/alerts?$expand=Evidence', true],
		])('%s shows evidence: %s', async (path, expanded) => {
			await start();
			const [alert] = simulator.seedAlerts(2);

			const answer = await get(path);
			const first = shown(answer)[0];

			expect(answer.status).toBe(200);
			expect('evidence' in first).toBe(expanded);
			if (expanded) expect(first.evidence).toEqual(alert.evidence);
		});

		it('applies to Get by id too', async () => {
			await start();
			const [, alert] = simulator.seedAlerts(2);

			const plain = await get(`/api/alerts/${alert.id}`);
			const expanded = await get(`/api/alerts/${alert.id}?$expand=evidence`);

			expect('evidence' in plain.body).toBe(false);
			expect((expanded.body.evidence as Shown[]).map((entry) => entry.entityType)).toEqual([
				'Process',
				'File',
				'User',
			]);
			expect(expanded.body.evidence).toEqual(alert.evidence);
		});

		it('can show an empty evidence array without $expand, as the doc example does', async () => {
			await start({ unexpandedEvidence: 'empty' });
			simulator.seedAlerts(1);

			expect(shown(await get('/api/alerts'))[0].evidence).toEqual([]);
		});

		it('refuses to expand anything else', async () => {
			await start();

			expect(statusAndCode(await get('/api/alerts?$expand=machine'))).toEqual([400, 'ODataError']);
		});
	});

	it('pages with @odata.nextLink at pageSize, keeping $filter, $orderby and $expand', async () => {
		await start({ pageSize: 2 });
		const seeded = simulator.seedAlerts(10);
		const filter = "severity ne 'Informational'";
		const seen: number[] = [];
		const links: URL[] = [];
		let path: string | undefined =
			`/api/alerts?${filterQuery(filter)}&$orderby=alertCreationTime%20desc&$expand=evidence`;
		while (path) {
			const answer = await get(path);
			expect(shown(answer).every((alert) => Array.isArray(alert.evidence))).toBe(true);
			seen.push(...positions(answer, seeded));
			const next = answer.body['@odata.nextLink'] as string | undefined;
			if (next) links.push(new URL(next));
			path = next?.slice(simulator.url.length);
		}

		expect(seen).toEqual([8, 7, 6, 5, 3, 2, 1, 0]);
		expect(links.map((link) => link.searchParams.get('$skip'))).toEqual(['2', '4', '6']);
		expect(links.every((link) => link.pathname === '/api/alerts')).toBe(true);
		expect(links.every((link) => link.searchParams.get('$filter') === filter)).toBe(true);
		expect(
			links.every((link) => link.searchParams.get('$orderby') === 'alertCreationTime desc'),
		).toBe(true);
		expect(links.every((link) => link.searchParams.get('$expand') === 'evidence')).toBe(true);
	});

	it.each([
		['$top=2&$skip=1', [1, 2]],
		['$skip=4', [4]],
		['$top=0', []],
	])('honours %s', async (query, expected) => {
		await start();
		const seeded = simulator.seedAlerts(5);

		expect(positions(await get(`/api/alerts?${query}`), seeded)).toEqual(expected);
	});

	it('refuses $top above 10000', async () => {
		await start();

		expect(statusAndCode(await get('/api/alerts?$top=10001'))).toEqual([400, 'ODataError']);
	});
});

describe('Simulator gets one alert', () => {
	it('answers the alert with its @odata.context', async () => {
		await start();
		const [, alert] = simulator.seedAlerts(2);

		const answer = await get(`/api/alerts/${alert.id}`);

		expect(answer.status).toBe(200);
		expect(answer.body['@odata.context']).toBe(`${simulator.url}/api/$metadata#Alerts/$entity`);
		const { evidence, ...rest } = alert;
		expect(evidence.length).toBeGreaterThan(0);
		expect(answer.body).toEqual({
			'@odata.context': `${simulator.url}/api/$metadata#Alerts/$entity`,
			...rest,
		});
	});

	it.each([
		['da637472900382838869_-1364969609'],
		['ed637472900382838869_1364969609'],
		['ed637472900382838869'],
		['121688558380765161_2136280442'],
		['3c0e4ecb-1d8b-4a3e-9f4e-2f1f7b8e6a11'],
	])('answers the unknown but well-formed id %s with 404 ResourceNotFound', async (id) => {
		await start();
		simulator.seedAlerts(1);

		const answer = await get(`/api/alerts/${id}`);

		expect(statusAndCode(answer)).toEqual([404, 'ResourceNotFound']);
		expect(answer.body.error?.message).toBe(`Alert with id ${id} was not found`);
	});

	it.each([['../machines'], ['a b'], ["da1' or '1'='1"], ['x'.repeat(101)]])(
		'answers the hostile id %j with 400 InvalidInput',
		async (id) => {
			await start();
			simulator.seedMachines(1);

			const read = await get(`/api/alerts/${encodeURIComponent(id)}`);
			const write = await patch(encodeURIComponent(id), { status: 'Resolved' });

			expect(statusAndCode(read)).toEqual([400, 'InvalidInput']);
			expect(statusAndCode(write)).toEqual([400, 'InvalidInput']);
		},
	);

	it('requires Alert.Read.All or Alert.ReadWrite.All, listing them in the 403', async () => {
		const machinesOnly = appWithRoles(['Machine.Read.All'], '1');
		const reader = appWithRoles(['Alert.Read.All'], '2');
		await start({ apps: [machinesOnly, reader] });
		const [alert] = simulator.seedAlerts(1);

		const refused = [
			await get('/api/alerts', machinesOnly),
			await get(`/api/alerts/${alert.id}`, machinesOnly),
		];
		const allowed = [
			await get('/api/alerts', reader),
			await get(`/api/alerts/${alert.id}`, reader),
		];

		expect(refused.map(statusAndCode)).toEqual([
			[403, 'Forbidden'],
			[403, 'Forbidden'],
		]);
		expect(refused[0].body.error?.message).toContain('Alert.Read.All, Alert.ReadWrite.All');
		expect(allowed.map((answer) => answer.status)).toEqual([200, 200]);
	});
});

describe('Simulator updates alerts (PATCH)', () => {
	it.each([
		[{ status: 'InProgress' }, { status: 'InProgress', resolvedTime: null }],
		[{ status: 'Resolved' }, { status: 'Resolved', resolvedTime: iso(START + 60_000) }],
		[{ assignedTo: 'secop2@contoso.com' }, { assignedTo: 'secop2@contoso.com' }],
		[{ classification: 'FalsePositive' }, { classification: 'FalsePositive' }],
		[
			{ classification: 'InformationalExpectedActivity', determination: 'SecurityTesting' },
			{ classification: 'InformationalExpectedActivity', determination: 'SecurityTesting' },
		],
		[{ determination: 'NotAvailable' }, { determination: 'NotAvailable' }],
		[
			{
				status: 'Resolved',
				assignedTo: 'secop2@contoso.com',
				classification: 'FalsePositive',
				determination: 'Malware',
				comment: 'Resolve my alert and assign to secop2',
			},
			{
				status: 'Resolved',
				assignedTo: 'secop2@contoso.com',
				classification: 'FalsePositive',
				determination: 'Malware',
			},
		],
	])('%j answers 200 with the updated alert and a newer lastUpdateTime', async (body, expected) => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		fixture.clock += 60_000;

		const answer = await patch(alert.id, body);

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			id: alert.id,
			...expected,
			lastUpdateTime: iso(START + 60_000),
		});
		expect('evidence' in answer.body).toBe(false);
		expect(simulator.alerts.get(alert.id)).toMatchObject({
			...expected,
			lastUpdateTime: iso(START + 60_000),
		});
	});

	it.each([
		['Malware'],
		['SecurityTesting'],
		['UnwantedSoftware'],
		['Other'],
		['NotAvailable'],
		['Apt'],
		['SecurityPersonnel'],
		['LineOfBusinessApplication'],
		['ConfirmedActivity'],
		['NotMalicious'],
	])('takes the determination %s', async (determination) => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		expect((await patch(alert.id, { determination })).body.determination).toBe(determination);
	});

	it('appends comments with the app name and the time, and a comment alone still bumps lastUpdateTime', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		fixture.clock += 1000;
		await patch(alert.id, { comment: 'first look' });
		fixture.clock += 1000;

		const answer = await patch(alert.id, { comment: 'escalated to tier 2' });

		expect(answer.body.comments).toEqual([
			{ comment: 'first look', createdBy: DEFAULT_APP.name, createdTime: iso(START + 1000) },
			{
				comment: 'escalated to tier 2',
				createdBy: DEFAULT_APP.name,
				createdTime: iso(START + 2000),
			},
		]);
		expect(answer.body.lastUpdateTime).toBe(iso(START + 2000));
		expect(answer.body.status).toBe('New');
	});

	it('keeps resolvedTime while resolved and clears it when the alert is reopened', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		fixture.clock += 1000;
		const resolved = await patch(alert.id, { status: 'Resolved' });
		fixture.clock += 1000;
		const again = await patch(alert.id, { status: 'Resolved', comment: 'still resolved' });
		fixture.clock += 1000;
		const reopened = await patch(alert.id, { status: 'New' });

		expect([
			resolved.body.resolvedTime,
			again.body.resolvedTime,
			reopened.body.resolvedTime,
		]).toEqual([iso(START + 1000), iso(START + 1000), null]);
		expect(reopened.body.lastUpdateTime).toBe(iso(START + 3000));
	});

	it('shows a PATCH in lists filtered on lastUpdateTime', async () => {
		await start();
		const seeded = simulator.seedAlerts(3);
		fixture.clock += 5000;
		await patch(seeded[0].id, { assignedTo: 'secop@contoso.com' });

		const answer = await get(`/api/alerts?${filterQuery(`lastUpdateTime gt ${iso(START)}`)}`);

		expect(positions(answer, seeded)).toEqual([0]);
	});

	it('includes evidence in the answer only with $expand=evidence', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		const answer = await call('PATCH', `/api/alerts/${alert.id}?$expand=evidence`, {
			body: { status: 'InProgress' },
		});

		expect(answer.body.evidence).toEqual(alert.evidence);
	});

	it.each([
		['an empty object', {}, 'InvalidRequestBody', 'nothing to update'],
		['a capitalised key', { Status: 'Resolved' }, 'InvalidRequestBody', "did you mean 'status'"],
		['a field that cannot be updated', { severity: 'High' }, 'InvalidRequestBody', "'severity'"],
		[
			'an unknown key next to a good one',
			{ status: 'Resolved', reason: 'x' },
			'InvalidRequestBody',
			"'reason'",
		],
		['an unknown status', { status: 'Done' }, 'InvalidInput', "'status'"],
		['status Unknown, which only Defender sets', { status: 'Unknown' }, 'InvalidInput', "'status'"],
		['an unknown classification', { classification: 'Benign' }, 'InvalidInput', "'classification'"],
		['an unknown determination', { determination: 'Whatever' }, 'InvalidInput', "'determination'"],
		['a number for assignedTo', { assignedTo: 42 }, 'InvalidInput', "'assignedTo'"],
		['an empty comment', { comment: '  ' }, 'InvalidInput', "'comment'"],
		['null for classification', { classification: null }, 'InvalidInput', "'classification'"],
		['an array', [{ status: 'Resolved' }], 'InvalidRequestBody', 'nothing to update'],
	])('answers 400 for %s and leaves the alert alone', async (_label, body, code, message) => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		const before = structuredClone(alert);
		fixture.clock += 1000;

		const answer = await patch(alert.id, body);

		expect(statusAndCode(answer)).toEqual([400, code]);
		expect(answer.body.error?.message).toContain(message);
		expect(simulator.alerts.get(alert.id)).toEqual(before);
	});

	it.each([
		['an empty body', '', 'application/json', 400, 'InvalidRequestBody'],
		['a body that is not JSON', '{status:', 'application/json', 400, 'InvalidRequestBody'],
		[
			'a wrong content type',
			JSON.stringify({ status: 'Resolved' }),
			'text/plain',
			415,
			'UnsupportedMediaType',
		],
	])('answers %s with %i %s', async (_label, rawBody, contentType, status, code) => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		const answer = await call('PATCH', `/api/alerts/${alert.id}`, { rawBody, contentType });

		expect(statusAndCode(answer)).toEqual([status, code]);
		expect(simulator.alerts.get(alert.id)?.status).toBe('New');
	});

	it('answers 404 ResourceNotFound for an unknown alert', async () => {
		await start();

		const answer = await patch('da637472900382838869_1364969609', { status: 'Resolved' });

		expect(statusAndCode(answer)).toEqual([404, 'ResourceNotFound']);
	});

	it('needs Alert.ReadWrite.All: an app with only Alert.Read.All gets 403 naming it', async () => {
		const reader = appWithRoles(['Alert.Read.All'], '3');
		const writer = appWithRoles(['Alert.ReadWrite.All'], '4');
		await start({ apps: [reader, writer] });
		const [alert] = simulator.seedAlerts(1);

		const refused = await patch(alert.id, { status: 'Resolved' }, reader);
		const accepted = await patch(alert.id, { status: 'Resolved', comment: 'done' }, writer);

		expect(statusAndCode(refused)).toEqual([403, 'Forbidden']);
		expect(refused.body.error?.message).toContain('Alert.ReadWrite.All');
		expect(refused.body.error?.message).not.toContain('Alert.Read.All,');
		expect(accepted.status).toBe(200);
		expect(accepted.body.comments).toEqual([
			{ comment: 'done', createdBy: 'limited app', createdTime: iso(START) },
		]);
	});

	it('answers 405 to other methods on an alert', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		expect(
			statusAndCode(
				await call('POST', `/api/alerts/${alert.id}`, { body: { status: 'Resolved' } }),
			),
		).toEqual([405, 'MethodNotAllowed']);
	});
});

describe('Simulator alerts over time', () => {
	it('adds an alert every everyMs up to count, with the fed overrides', async () => {
		await start({ alertFeed: { everyMs: 15, count: 3, overrides: { severity: 'High' } } });
		simulator.seedMachines(2);

		await waitFor(() => simulator.alerts.size === 3);
		await new Promise((resolve) => setTimeout(resolve, 60));
		const answer = await get(`/api/alerts?${filterQuery("severity eq 'High'")}`);

		expect(simulator.alerts.size).toBe(3);
		expect(ids(answer)).toHaveLength(3);
	});

	it('keeps adding without a count, using the simulator clock, and stops on close', async () => {
		await start({ alertFeed: { everyMs: 10 } });

		await waitFor(() => simulator.alerts.size >= 1);
		fixture.clock += 1000;
		await waitFor(() => simulator.alerts.size >= 4);
		await simulator.close();
		const size = simulator.alerts.size;
		await new Promise((resolve) => setTimeout(resolve, 50));

		const times = [...simulator.alerts.values()].map((alert) => alert.alertCreationTime);
		expect(times[0]).toBe(iso(START));
		expect(times[times.length - 1]).toBe(iso(START + 1000));
		expect(simulator.alerts.size).toBe(size);
	});

	it('moves the oldest open alert one step per tick with progress', async () => {
		await start({ alertFeed: { everyMs: 10, count: 3, progress: true } });

		await waitFor(() => simulator.alerts.size === 3);

		expect([...simulator.alerts.values()].map((alert) => alert.status)).toEqual([
			'Resolved',
			'New',
			'New',
		]);
		expect([...simulator.alerts.values()][0]).toMatchObject({
			investigationState: 'SuccessfullyRemediated',
			classification: 'TruePositive',
		});
	});

	it('refuses a feed without a positive everyMs', async () => {
		await expect(startDefenderSimulator({ alertFeed: { everyMs: 0 } })).rejects.toThrow(
			'alertFeed.everyMs',
		);
	});
});

describe('Simulator admin controls for alerts', () => {
	it('seeds alerts with a severity and lists them', async () => {
		await start();
		simulator.seedMachines(2);

		const seeded = await admin(
			'POST',
			'/alerts/seed?count=3&severity=High&detectionSource=CustomDetection',
		);
		const listed = await admin('GET', '/alerts');

		expect(seeded.status).toBe(200);
		expect(
			(seeded.body as SimulatedAlert[]).map((alert) => [alert.severity, alert.detectionSource]),
		).toEqual([
			['High', 'CustomDetection'],
			['High', 'CustomDetection'],
			['High', 'CustomDetection'],
		]);
		expect((listed.body as SimulatedAlert[]).map((alert) => alert.id)).toEqual([
			...simulator.alerts.keys(),
		]);
	});

	it.each([
		['/alerts/seed?severity=Severe'],
		['/alerts/seed?status=Closed'],
		['/alerts/seed?count=many'],
	])('refuses %s', async (path) => {
		await start();

		expect((await admin('POST', path)).status).toBe(400);
		expect(simulator.alerts.size).toBe(0);
	});

	it('touches an alert as Defender would: New → InProgress → Resolved, each with a newer lastUpdateTime', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1, { severity: 'High' });
		const states: unknown[] = [];
		for (let step = 1; step <= 3; step++) {
			fixture.clock += 1000;
			const { body } = await admin('POST', `/alerts/${alert.id}/touch`);
			const touched = body as SimulatedAlert;
			states.push([touched.status, touched.investigationState, touched.lastUpdateTime]);
		}

		expect(states).toEqual([
			['InProgress', 'Running', iso(START + 1000)],
			['Resolved', 'SuccessfullyRemediated', iso(START + 2000)],
			['Resolved', 'SuccessfullyRemediated', iso(START + 3000)],
		]);
		expect(simulator.alerts.get(alert.id)?.resolvedTime).toBe(iso(START + 2000));
	});

	it('applies the fields a touch carries, and 404s an unknown alert', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		fixture.clock += 1000;

		const touched = await admin(
			'POST',
			`/alerts/${alert.id}/touch`,
			JSON.stringify({ severity: 'High', assignedTo: 'system@contoso.com' }),
		);
		const unknown = await admin('POST', '/alerts/da637472900382838869_1/touch');

		expect(touched.body).toMatchObject({
			severity: 'High',
			assignedTo: 'system@contoso.com',
			status: 'New',
			lastUpdateTime: iso(START + 1000),
		});
		expect(unknown.status).toBe(404);
	});
});

describe('Simulator rate limits for alerts', () => {
	it('counts list and get in alerts and PATCH in updateAlert, each with its own budget', async () => {
		await start({ rateLimit: { perWindow: 2 } });
		const [alert] = simulator.seedAlerts(1);

		const reads = [
			(await get('/api/alerts')).status,
			(await get(`/api/alerts/${alert.id}`)).status,
			(await get('/api/alerts')).status,
		];
		const writes = [
			(await patch(alert.id, { comment: 'a' })).status,
			(await patch(alert.id, { comment: 'b' })).status,
			(await patch(alert.id, { comment: 'c' })).status,
		];
		const other = (await get('/api/machineactions')).status;

		expect(reads).toEqual([200, 200, 429]);
		expect(writes).toEqual([200, 200, 429]);
		expect(other).toBe(200);
		expect(simulator.rateLimitedByEndpoint).toEqual({ alerts: 1, updateAlert: 1 });
	});

	it('defaults both to 100 a minute', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		const statuses: number[] = [];
		for (let index = 0; index < 101; index++)
			statuses.push((await get(`/api/alerts/${alert.id}`)).status);
		fixture.clock += 60_000;
		const nextMinute = await get(`/api/alerts/${alert.id}`);

		expect(statuses.filter((status) => status === 200)).toHaveLength(100);
		expect(statuses[100]).toBe(429);
		expect(nextMinute.status).toBe(200);
	});

	it('takes per-class overrides and records the class of each request', async () => {
		await start({ rateLimit: false, endpointRateLimits: { updateAlert: { perWindow: 1 } } });
		const [alert] = simulator.seedAlerts(1);

		await get('/api/alerts');
		await get(`/api/alerts/${alert.id}`);
		const first = await patch(alert.id, { status: 'InProgress' });
		const second = await patch(alert.id, { status: 'Resolved' });
		await call('POST', `/api/alerts/${alert.id}`);

		expect(ENDPOINT_CLASSES).toEqual(expect.arrayContaining(['alerts', 'updateAlert']));
		expect([first.status, second.status]).toEqual([200, 429]);
		expect(
			simulator.apiRequests().map((request) => [request.method, request.endpoint, request.status]),
		).toEqual([
			['GET', 'alerts', 200],
			['GET', 'alerts', 200],
			['PATCH', 'updateAlert', 200],
			['PATCH', 'updateAlert', 429],
			['POST', 'alerts', 405],
		]);
	});
});
