import { hostClock } from '../../nodes/core/transport/hostClock';
import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { createTrigger, simulatorCredential } from '../harness/engine';

let simulator: DefenderSimulator;
let now: number;
const MINUTE = 60_000;

const start = async (options: SimulatorOptions = {}) => {
	now = Date.UTC(2026, 10, 27, 12, 0, 0);
	jest.spyOn(hostClock, 'now').mockImplementation(() => now);
	simulator = await startDefenderSimulator({ now: () => now, ...options });
	simulator.seedMachines(3);
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const trigger = (parameters: Record<string, unknown> = {}) =>
	createTrigger({
		parameters: { event: 'newAlert', ...parameters } as never,
		credential: simulatorCredential(simulator),
	});
const ids = (items: Array<{ json: { id?: unknown } }> | null) =>
	(items ?? []).map((item) => item.json.id);
const at = (ms: number) => new Date(ms).toISOString();

describe('Trigger: new alerts', () => {
	it('emits nothing on the first poll, then each new alert once, then nothing', async () => {
		await start();
		simulator.seedAlerts(3);
		const poller = trigger();

		expect(await poller.poll()).toBeNull();
		now += MINUTE;
		const raised = simulator.addAlert({ severity: 'High' });
		const second = await poller.poll();
		now += MINUTE;
		const third = await poller.poll();

		expect(ids(second)).toEqual([raised.id]);
		expect(second?.[0].json).toMatchObject({
			id: raised.id,
			severity: 'High',
			title: raised.title,
		});
		expect(third).toBeNull();
		expect(poller.staticData().watermark).toBe(raised.alertCreationTime);
	});

	it("emits an alert that shares the watermark's timestamp, and not the one already emitted", async () => {
		await start();
		const poller = trigger();
		await poller.poll();
		now += MINUTE;
		const first = simulator.addAlert();
		expect(ids(await poller.poll())).toEqual([first.id]);

		const twin = simulator.addAlert({
			alertCreationTime: first.alertCreationTime,
			lastUpdateTime: first.alertCreationTime,
		});
		now += MINUTE;

		expect(ids(await poller.poll())).toEqual([twin.id]);
	});

	it('emits an alert Defender lists late, with a timestamp before the watermark, once', async () => {
		await start();
		const poller = trigger();
		await poller.poll();
		now += 5 * MINUTE;
		const onTime = simulator.addAlert();
		await poller.poll();

		const late = simulator.addAlert({
			alertCreationTime: at(now - 4 * MINUTE),
			lastUpdateTime: at(now - 4 * MINUTE),
		});
		now += MINUTE;
		const emitted = await poller.poll();
		now += MINUTE;

		expect(ids(emitted)).toEqual([late.id]);
		expect(ids(emitted)).not.toContain(onTime.id);
		expect(await poller.poll()).toBeNull();
		const query = simulator.apiRequests().at(-1)?.query.$filter;
		expect(query).toBe(
			`alertCreationTime ge ${at(Date.parse(onTime.alertCreationTime) - 10 * MINUTE)}`,
		);
	});

	it('after an outage longer than a page, pages through every alert and loses none', async () => {
		await start({ pageSize: 100 });
		const poller = trigger();
		await poller.poll();
		now += MINUTE;
		const backlog = simulator.seedAlerts(250);
		now += MINUTE;

		const emitted = await poller.poll();

		expect(new Set(ids(emitted))).toEqual(new Set(backlog.map((alert) => alert.id)));
		expect(emitted).toHaveLength(250);
		expect(
			simulator.apiRequests().filter((request) => request.path === '/api/alerts'),
		).toHaveLength(1 + 3);
	});

	it('sends its filters to Defender and emits only matching alerts', async () => {
		await start();
		const poller = trigger({
			filters: { severity: ['High', 'Medium'], status: ['New'], category: 'Ransomware' },
		});
		await poller.poll();
		now += MINUTE;
		const match = simulator.addAlert({ severity: 'High', status: 'New', category: 'Ransomware' });
		simulator.addAlert({ severity: 'Low', status: 'New', category: 'Ransomware' });
		simulator.addAlert({ severity: 'High', status: 'New', category: 'Malware' });

		const emitted = await poller.poll();

		expect(ids(emitted)).toEqual([match.id]);
		expect(simulator.apiRequests().at(-1)?.query.$filter).toMatch(
			/^status eq 'New' and \(severity eq 'High' or severity eq 'Medium'\) and category eq 'Ransomware' and alertCreationTime ge /,
		);
	});

	it('with Emit Existing Alerts, emits the matching alerts Defender already has on the first poll', async () => {
		await start();
		const high = simulator.seedAlerts(2, { severity: 'High' });
		simulator.seedAlerts(2, { severity: 'Low' });
		const poller = trigger({
			filters: { severity: ['High'] },
			options: { emitExistingAlerts: true },
		});

		expect(ids(await poller.poll())).toEqual(high.map((alert) => alert.id));
		now += MINUTE;
		expect(await poller.poll()).toBeNull();
	});

	it("Fetch Test Event returns the latest matching alert and leaves the trigger's state alone", async () => {
		await start();
		const alerts = simulator.seedAlerts(3, { severity: 'Medium' });
		const poller = trigger();

		const sample = await poller.poll('manual');

		expect(ids(sample)).toEqual([alerts[2].id]);
		expect(poller.staticData()).toEqual({});
	});
});

describe('Trigger: updated alerts', () => {
	it('emits an alert again each time Defender updates it, once per update', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		const poller = trigger({ event: 'updatedAlert' });
		await poller.poll();

		now += MINUTE;
		simulator.updateAlertBySystem(alert.id, { status: 'InProgress' });
		const afterFirst = await poller.poll();
		now += MINUTE;
		const quiet = await poller.poll();
		now += MINUTE;
		simulator.updateAlertBySystem(alert.id, { status: 'Resolved' });
		const afterSecond = await poller.poll();

		expect(afterFirst?.map((item) => item.json.status)).toEqual(['InProgress']);
		expect(quiet).toBeNull();
		expect(afterSecond?.map((item) => item.json.status)).toEqual(['Resolved']);
		expect(simulator.apiRequests().at(-1)?.query.$filter).toMatch(/^lastUpdateTime ge /);
	});
});
