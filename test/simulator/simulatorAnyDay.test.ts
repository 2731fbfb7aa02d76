import type { INodeParameters } from 'n8n-workflow';

import { DEMO_LIBRARY_SCRIPT, SAMPLE_SHA256, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { useFakeNodeClock } from '../engine/fakeClock';
import { runDefenderNode, runXdrNode, simulatorCredential } from '../harness/engine';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;

let simulator: DefenderSimulator;
let now: () => number;

/** The simulator as `npm start` seeds it (simulator/cli.ts), a year from today for it and for the node. */
beforeEach(async () => {
	({ now } = useFakeNodeClock(Date.now() + YEAR));
	simulator = await startDefenderSimulator({ now: () => now(), rateLimit: false });
	const machines = simulator.seedMachines(10);
	simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
	machines
		.slice(0, 5)
		.forEach((machine) =>
			simulator.addAction({ machineId: machine.id, computerDnsName: machine.computerDnsName }),
		);
	simulator.seedAlerts(5);
	simulator.seedIndicators();
	simulator.graph.seedIncidents(3);
});
afterEach(async () => {
	await simulator.close();
	jest.restoreAllMocks();
});

const machine = (index: number) => [...simulator.machines.values()][index];
const defender = async (parameters: INodeParameters) =>
	await runDefenderNode({ parameters, credential: simulatorCredential(simulator) });
const xdr = async (parameters: INodeParameters) =>
	await runXdrNode({ parameters, credential: simulatorCredential(simulator) });
const ms = (value: unknown) => Date.parse(String(value));
/** Every ISO 8601 time anywhere in a value. */
const timesIn = (value: unknown): number[] =>
	(JSON.stringify(value).match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g) ?? []).map(Date.parse);

describe('The seeded simulator a year from today: the README walkthroughs still read what they show', () => {
	it('dates everything it seeded before its own now, within the last year, never on a fixed day', () => {
		const seeded = {
			machines: [...simulator.machines.values()],
			actions: [...simulator.actions.values()],
			alerts: [...simulator.alerts.values()],
			indicators: [...simulator.indicators.values()],
			incidents: [...simulator.graph.incidents.values()],
			graphAlerts: [...simulator.graph.alerts.values()],
			library: [...simulator.libraryFiles.values()].map((file) => file.entity),
		};

		const times = timesIn(seeded);

		expect(times.length).toBeGreaterThan(50);
		expect(times.filter((time) => time > now() || time < now() - YEAR)).toEqual([]);
	});

	it('finds a seeded device by its address at "now" (Time empty) and three days ago', async () => {
		const address = machine(1).lastIpAddress;
		const threeDaysAgo = new Date(now() - 3 * DAY).toISOString();

		const atNow = await defender({
			resource: 'machine',
			operation: 'findByIp',
			ipAddress: address,
		});
		const earlier = await defender({
			resource: 'machine',
			operation: 'findByIp',
			ipAddress: address,
			timestamp: threeDaysAgo,
		});

		expect(atNow.error).toBeUndefined();
		expect(atNow.items.map((item) => item.json.computerDnsName)).toEqual([
			'desktop-001.contoso.local',
		]);
		expect(earlier.items.map((item) => item.json.id)).toEqual([machine(1).id]);
	});

	it.each([
		[
			'the alerts, raised in the last minute',
			{ resource: 'alert', operation: 'getAll' },
			'alertCreationTime',
			5,
			MINUTE,
		],
		[
			'the pending device actions, from yesterday',
			{ resource: 'machineAction', operation: 'getAll' },
			'creationDateTimeUtc',
			5,
			2 * DAY,
		],
	])('lists %s', async (_label, parameters, field, count, within) => {
		const { items, error } = await defender({ ...parameters, returnAll: true });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(count);
		for (const item of items) {
			expect(ms(item.json[field])).toBeLessThanOrEqual(now());
			expect(ms(item.json[field])).toBeGreaterThan(now() - within);
		}
	});

	it('hunts the sample hash on devices 6, 7 and 8 within the last 7 days', async () => {
		const query = `DeviceProcessEvents | where SHA256 == "${SAMPLE_SHA256}" | project DeviceName, Timestamp`;

		const { items, error } = await xdr({
			resource: 'hunting',
			operation: 'runQuery',
			query,
			timespan: 'P7D',
		});

		expect(error).toBeUndefined();
		expect([...new Set(items.map((item) => item.json.DeviceName))]).toEqual([
			'desktop-006.contoso.local',
			'desktop-007.contoso.local',
			'desktop-008.contoso.local',
		]);
		for (const item of items) expect(ms(item.json.Timestamp)).toBeGreaterThan(now() - 7 * DAY);
	});

	it('lists the seeded incidents, created in the last minute', async () => {
		const { items, error } = await xdr({
			resource: 'incident',
			operation: 'getAll',
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		for (const item of items) expect(ms(item.json.createdDateTime)).toBeGreaterThan(now() - MINUTE);
	});
});
