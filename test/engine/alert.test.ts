import { DEFAULT_APP, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { requestLines, runOnSimulator, updateAlert } from '../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(3);
};
afterEach(async () => await simulator.close());

describe('Alert: Get', () => {
	it.each([
		[false, undefined],
		[true, 'evidence'],
	])('gets one alert by id (include evidence: %s)', async (includeEvidence, expand) => {
		await start();
		const [, alert] = simulator.seedAlerts(2);

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'alert',
			operation: 'get',
			alertId: ` ${alert.id} `,
			options: { includeEvidence },
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/alerts/${alert.id}`]);
		expect(simulator.apiRequests()[0].query.$expand).toBe(expand);
		expect(items[0].json).toMatchObject({
			id: alert.id,
			title: alert.title,
			severity: alert.severity,
		});
		expect(items[0].json).not.toHaveProperty(['@odata.context']);
		expect('evidence' in items[0].json).toBe(includeEvidence);
	});

	it.each([
		['a path', '../machines'],
		['a query string', 'da637472900382838869_1364969609?$top=1'],
		['a GUID', '988cc94e-7a8f-4b28-ab65-54970c5d5018'],
		['an empty value', '  '],
	])('refuses %s as an alert id before sending anything', async (_label, alertId) => {
		await start();

		const { error } = await runOnSimulator(simulator, {
			resource: 'alert',
			operation: 'get',
			alertId,
		});

		expect(error?.message).toMatch(/^Alert ID (must be a Defender alert ID|is empty)/);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('says which alert Defender did not find', async () => {
		await start();
		const unknown = 'da637472900382838869_1364969609';

		const { error } = await runOnSimulator(simulator, {
			resource: 'alert',
			operation: 'get',
			alertId: unknown,
		});

		expect(error?.message).toBe(`Alert ${unknown} was not found`);
	});
});

describe('Alert: Get Many', () => {
	it('sends the filters as one $filter, follows every page, and outputs the matching alerts', async () => {
		await start({ pageSize: 2 });
		const high = simulator.seedAlerts(5, {
			severity: 'High',
			status: 'New',
			detectionSource: 'WindowsDefenderAv',
		});
		simulator.seedAlerts(3, {
			severity: 'Low',
			status: 'New',
			detectionSource: 'WindowsDefenderAv',
		});

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'alert',
			operation: 'getAll',
			returnAll: true,
			filters: {
				severity: ['High'],
				status: ['New'],
				detectionSource: 'WindowsDefenderAv',
				createdAfter: '2020-01-01T00:00:00Z',
			},
			options: { includeEvidence: true },
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query).toMatchObject({
			$filter:
				"status eq 'New' and severity eq 'High' and detectionSource eq 'WindowsDefenderAv' and alertCreationTime gt 2020-01-01T00:00:00.000Z",
			$expand: 'evidence',
		});
		expect(simulator.apiRequests()).toHaveLength(3);
		expect(items.map((item) => item.json.id)).toEqual(high.map((alert) => alert.id));
	});
});

describe('Alert: Update', () => {
	it("patches the fields with Defender's lower-case keys and outputs the updated alert", async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		const { items, error } = await updateAlert(simulator, alert.id, {
			status: 'Resolved',
			classification: 'FalsePositive',
			determination: 'NotMalicious',
			assignedTo: 'analyst@contoso.com',
			comment: 'Closed by n8n playbook',
		});

		expect(error).toBeUndefined();
		const [request] = simulator.apiRequests();
		expect(`${request.method} ${request.path}`).toBe(`PATCH /api/alerts/${alert.id}`);
		expect(JSON.parse(request.body)).toEqual({
			status: 'Resolved',
			classification: 'FalsePositive',
			determination: 'NotMalicious',
			assignedTo: 'analyst@contoso.com',
			comment: 'Closed by n8n playbook',
		});
		expect(items[0].json).toMatchObject({
			id: alert.id,
			status: 'Resolved',
			classification: 'FalsePositive',
			assignedTo: 'analyst@contoso.com',
		});
		expect(simulator.alerts.get(alert.id)?.comments.map((entry) => entry.comment)).toContain(
			'Closed by n8n playbook',
		);
	});

	it('refuses an update with nothing to change, before sending anything', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);

		const { error } = await updateAlert(simulator, alert.id, { comment: '  ' });

		expect(error?.message).toMatch(/^Nothing to update/);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('names Alert.ReadWrite.All when the app may only read alerts', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Alert.Read.All'] }] });
		const [alert] = simulator.seedAlerts(1);

		const { error } = await updateAlert(simulator, alert.id, { status: 'InProgress' });

		expect(error?.message).toContain(
			`The app registration is not allowed to update alert ${alert.id}`,
		);
		expect(error?.description).toContain('Alert.ReadWrite.All');
	});

	it('does not add a comment twice when the answer to an update was lost', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		simulator.injectFault({
			method: 'PATCH',
			path: /\/api\/alerts\//,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await updateAlert(simulator, alert.id, {
			comment: 'Escalated to IR',
			status: 'InProgress',
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`PATCH /api/alerts/${alert.id}`,
			`GET /api/alerts/${alert.id}`,
		]);
		expect(
			simulator.alerts
				.get(alert.id)
				?.comments.filter((entry) => entry.comment === 'Escalated to IR'),
		).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: alert.id, status: 'InProgress' });
	});

	it('sends an update again when its answer was lost before Defender applied it', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		simulator.injectFault({ method: 'PATCH', path: /\/api\/alerts\//, reset: true, times: 1 });

		const { error } = await updateAlert(simulator, alert.id, { comment: 'Escalated to IR' });

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`PATCH /api/alerts/${alert.id}`,
			`GET /api/alerts/${alert.id}`,
			`PATCH /api/alerts/${alert.id}`,
		]);
		expect(
			simulator.alerts
				.get(alert.id)
				?.comments.filter((entry) => entry.comment === 'Escalated to IR'),
		).toHaveLength(1);
	});
});
