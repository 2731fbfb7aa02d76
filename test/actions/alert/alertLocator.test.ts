import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { createTrigger, searchList, simulatorCredential } from '../../harness/engine';
import { requestLines, runOnSimulator, updateAlert } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(3);
});
afterEach(async () => await simulator.close());

describe('Alert parameter (a resource locator)', () => {
	it.each([
		['picked from the list', (id: string) => ({ __rl: true, mode: 'list', value: id })],
		['given by ID', (id: string) => ({ __rl: true, mode: 'id', value: ` ${id} ` })],
		['a plain string, as workflows saved before the picker hold it', (id: string) => id],
		['a plain expression, as saved before the picker', () => '={{ $json.alertId }}'],
	])('gets the alert when it is %s', async (_how, alertId) => {
		const [, alert] = simulator.seedAlerts(2);

		const { items, error } = await runOnSimulator(
			simulator,
			{ resource: 'alert', operation: 'get', alertId: alertId(alert.id) },
			{ items: [{ alertId: alert.id }] },
		);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/alerts/${alert.id}`]);
		expect(items[0].json.id).toBe(alert.id);
	});

	it('updates the alert picked from the list', async () => {
		const [alert] = simulator.seedAlerts(1);

		const { error } = await updateAlert(
			simulator,
			{ __rl: true, mode: 'list', value: alert.id },
			{ status: 'InProgress' },
		);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`PATCH /api/alerts/${alert.id}`]);
	});
});

describe('Alert picker', () => {
	it('lists the latest alerts newest first, labelled with title, severity, status, device and age', async () => {
		const alerts = simulator.seedAlerts(3);

		const result = await searchList({
			method: 'searchAlerts',
			parameter: 'alertId',
			parameters: {
				resource: 'alert',
				operation: 'get',
				alertId: { __rl: true, mode: 'list', value: '' },
			},
			credential: simulatorCredential(simulator),
		});

		expect(result.results.map((entry) => entry.value)).toEqual(
			alerts.map((alert) => alert.id).reverse(),
		);
		const newest = alerts[2];
		expect(result.results[0].name).toMatch(
			new RegExp(
				`^${newest.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · ${newest.severity} · ${newest.status} · ${newest.computerDnsName} · `,
			),
		);
		expect(simulator.apiRequests().map((request) => request.query)).toEqual([
			{ $orderby: 'alertCreationTime desc', $top: '100' },
		]);
	});

	it('keeps the alerts whose title contains the search text, whatever its case', async () => {
		const [ransom] = simulator.seedAlerts(1, { title: 'Ransomware behavior detected' });
		simulator.seedAlerts(2, { title: 'Suspicious PowerShell command line' });

		const result = await searchList({
			method: 'searchAlerts',
			parameter: 'alertId',
			filter: 'RANSOMWARE',
			parameters: {
				resource: 'alert',
				operation: 'get',
				alertId: { __rl: true, mode: 'list', value: '' },
			},
			credential: simulatorCredential(simulator),
		});

		expect(result.results.map((entry) => entry.value)).toEqual([ransom.id]);
	});
});

describe('Alert → Update: Classification', () => {
	it.each([
		['Classification', { classification: '' }],
		['Determination', { determination: '' }],
	])(
		'refuses %s added without a choice, instead of sending a conclusion, and sends nothing',
		async (label, updateFields) => {
			const [alert] = simulator.seedAlerts(1);

			const { error } = await updateAlert(simulator, alert.id, {
				...updateFields,
				comment: 'Looked at it',
			});

			expect(error?.message).toMatch(new RegExp(`^${label} is added but empty: choose one of `));
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);

	it('names the choices in words', async () => {
		const [alert] = simulator.seedAlerts(1);

		const { error } = await updateAlert(simulator, alert.id, { classification: '' });

		expect(error?.message).toBe(
			'Classification is added but empty: choose one of True Positive, Informational, Expected Activity, False Positive, or remove the field',
		);
	});

	it('sends the classification the analyst chose', async () => {
		const [alert] = simulator.seedAlerts(1);

		const { error } = await updateAlert(simulator, alert.id, { classification: 'FalsePositive' });

		expect(error).toBeUndefined();
		expect(JSON.parse(String(simulator.apiRequests()[0].body))).toEqual({
			classification: 'FalsePositive',
		});
	});
});

describe('Device ID filter', () => {
	it.each([
		['Alert → Get Many', { resource: 'alert', operation: 'getAll' }],
		['Device Action → Get Many', { resource: 'machineAction', operation: 'getAll' }],
	])(
		'%s refuses a computer name, saying what a device ID is and what was typed, and sends nothing',
		async (_label, parameters) => {
			const { error } = await runOnSimulator(simulator, {
				...parameters,
				filters: { machineId: 'desktop-001' },
			});

			expect(error?.message).toBe(
				'Filter "Device ID" must be a Defender device ID, 40 hexadecimal characters such as 1e5bc9d7e413ddd7902c2932e418702b84d0cc07; got "desktop-001" (11 characters). To find a device by its computer name, use Device → Get Many.',
			);
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);

	it('Alert → Get Many filters by a device ID', async () => {
		const machine = [...simulator.machines.values()][1];
		simulator.seedAlerts(3);

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'alert',
			operation: 'getAll',
			filters: { machineId: machine.id.toUpperCase() },
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe(`machineId eq '${machine.id}'`);
		expect(items.every((item) => item.json.machineId === machine.id)).toBe(true);
	});

	it('the trigger refuses a computer name before polling', async () => {
		const poller = createTrigger({
			parameters: { event: 'newAlert', filters: { machineId: 'desktop-001' } },
			credential: simulatorCredential(simulator),
		});

		await expect(poller.poll()).rejects.toThrow('Filter "Device ID" must be a Defender device ID');
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
