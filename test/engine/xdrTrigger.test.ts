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
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const trigger = (parameters: Record<string, unknown> = {}) =>
	createTrigger({
		parameters: { event: 'newIncident', ...parameters } as never,
		credential: simulatorCredential(simulator),
		xdr: true,
	});
const ids = (items: Array<{ json: { id?: unknown } }> | null) =>
	(items ?? []).map((item) => item.json.id);
const at = (ms: number) => new Date(ms).toISOString();

describe('XDR trigger: new incidents', () => {
	it('emits nothing on the first poll, then each new incident once, across pages', async () => {
		await start({ pageSize: 2 });
		simulator.graph.seedIncidents(3);
		const poller = trigger();

		expect(await poller.poll()).toBeNull();
		now += MINUTE;
		const opened = simulator.graph.seedIncidents(3);
		const second = await poller.poll();
		now += MINUTE;

		expect(ids(second)).toEqual(opened.map((incident) => incident.id));
		expect(await poller.poll()).toBeNull();
		expect(simulator.graphRequests().at(-1)?.query.$filter).toBe(
			`createdDateTime ge ${at(now - MINUTE - 10 * MINUTE)}`,
		);
	});

	it('emits an incident Graph lists late, with a time before the watermark, once', async () => {
		await start();
		const poller = trigger();
		await poller.poll();
		now += MINUTE;
		const first = simulator.graph.addIncident();
		expect(ids(await poller.poll())).toEqual([first.id]);

		const late = simulator.graph.addIncident({
			createdDateTime: at(now - 5 * MINUTE),
			lastUpdateDateTime: at(now - 5 * MINUTE),
		});
		now += MINUTE;

		expect(ids(await poller.poll())).toEqual([late.id]);
		now += MINUTE;
		expect(await poller.poll()).toBeNull();
	});

	it('neither loses nor repeats an incident across a restart (the static data kept)', async () => {
		await start();
		const before = trigger();
		await before.poll();
		now += MINUTE;
		const first = simulator.graph.addIncident();
		expect(ids(await before.poll())).toEqual([first.id]);

		const after = trigger();
		Object.assign(after.staticData(), JSON.parse(JSON.stringify(before.staticData())) as object);
		now += MINUTE;
		const second = simulator.graph.addIncident();

		expect(ids(await after.poll())).toEqual([second.id]);
	});

	it('sends its filters quoted, and refuses one outside the list before sending', async () => {
		await start();
		await trigger({ filters: { severity: ['high'], assignedTo: "o'brien@contoso.com" } }).poll();

		expect(simulator.graphRequests()[0].query.$filter).toBe(
			`severity eq 'high' and assignedTo eq 'o''brien@contoso.com' and createdDateTime ge ${at(now - 10 * MINUTE)}`,
		);

		await expect(trigger({ filters: { severity: ['high) or (1 eq 1'] } }).poll()).rejects.toThrow(
			'Filter "Severity" must be one of',
		);
		expect(simulator.graphRequests()).toHaveLength(1);
	});
});

describe('XDR trigger: updated incidents and new alerts', () => {
	it('emits an incident again each time it is updated', async () => {
		await start();
		const [incident] = simulator.graph.seedIncidents(1);
		const poller = trigger({ event: 'updatedIncident' });
		await poller.poll();
		now += MINUTE;
		simulator.graph.update(incident, { status: 'inProgress' });

		const updated = await poller.poll();
		now += MINUTE;

		expect(updated?.map((item) => item.json.status)).toEqual(['inProgress']);
		expect(await poller.poll()).toBeNull();
		expect(simulator.graphRequests().at(-1)?.query.$filter).toContain('lastUpdateDateTime ge ');
	});

	it('emits each new alert (v2) once', async () => {
		await start();
		const poller = trigger({ event: 'newAlert' });
		await poller.poll();
		now += MINUTE;
		const alert = simulator.graph.addAlert();

		expect(ids(await poller.poll())).toEqual([alert.id]);
		expect(simulator.graphRequests().at(-1)?.path).toBe('/v1.0/security/alerts_v2');
	});

	it('fetches the latest incident as the test event', async () => {
		await start();
		const [, latest] = simulator.graph.seedIncidents(2);

		expect(ids(await trigger().poll('manual'))).toEqual([latest.id]);
	});
});
