import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { deviceExportRows } from '../../../simulator/stores/exposure/exportRows';
import type { ExportKind } from '../../../simulator/stores/exposure/exportRows';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());
const start = async (syntheticRows = 0, options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	simulator.seedMachines(6);
	simulator.exposure.syntheticRows = syntheticRows;
};

/** Each request as `path pageSize offset`: the offset read back from the next link's opaque token. */
const calls = () =>
	simulator.apiRequests().map(({ method, path, query }) => {
		const size = query.pageSize ?? query.pagesize;
		const token = query.$skiptoken;
		const offset = token
			? (JSON.parse(Buffer.from(token, 'base64').toString()) as { LineStoppedAt: number })
					.LineStoppedAt
			: 0;
		return `${method} ${path} size=${size} from=${offset}`;
	});
const ownRows = (kind: ExportKind) => deviceExportRows(kind, [...simulator.machines.values()]);

const EXPORTS = [
	{
		label: 'Vulnerability → Export Assessment By Device',
		resource: 'vulnerability',
		operation: 'exportAssessment',
		kind: 'vulnerabilities' as const,
		path: '/api/machines/SoftwareVulnerabilitiesByMachine',
		permission: 'Vulnerability.Read.All',
	},
	{
		label: 'Software → Export Inventory Assessment By Device',
		resource: 'software',
		operation: 'exportInventoryAssessment',
		kind: 'inventory' as const,
		path: '/api/machines/SoftwareInventoryByMachine',
		permission: 'Software.Read.All',
	},
];

describe.each(EXPORTS)('$label', ({ resource, operation, kind, path, permission }) => {
	const run = (parameters: INodeParameters) =>
		runOnSimulator(simulator, { resource, operation, ...parameters });

	it('Return All follows every next link at the Page Size asked, one item per row', async () => {
		await start(3);
		const rows = ownRows(kind);
		const total = rows.length + 3;

		const { items, error } = await run({ returnAll: true, pageSize: 4 });

		expect(error).toBeUndefined();
		expect(calls()).toEqual(
			Array.from(
				{ length: Math.ceil(total / 4) },
				(_, page) => `GET ${path} size=4 from=${page * 4}`,
			),
		);
		expect(items).toHaveLength(total);
		expect(items.slice(0, rows.length).map((item) => item.json)).toEqual(rows);
		expect(items.every((item) => !('@odata.context' in item.json))).toBe(true);
	});

	it("asks for Defender's default 50,000 rows a page when Page Size is left alone", async () => {
		await start();
		const { items, error } = await run({ returnAll: true });

		expect(error).toBeUndefined();
		expect(calls()).toEqual([`GET ${path} size=50000 from=0`]);
		expect(items.map((item) => item.json)).toEqual(ownRows(kind));
	});

	it('stops at the Limit: a Limit below the page size asks only for it, and no page more is read', async () => {
		await start(20);
		const small = await run({ limit: 3, pageSize: 10 });
		expect(calls()).toEqual([`GET ${path} size=3 from=0`]);
		expect(small.items.map((item) => item.json)).toEqual(ownRows(kind).slice(0, 3));

		const paged = await run({ limit: 6, pageSize: 4 });
		expect(calls().slice(1)).toEqual([`GET ${path} size=4 from=0`, `GET ${path} size=4 from=4`]);
		expect(paged.items).toHaveLength(6);
	});

	it('refuses a next link to another host, sending the token nowhere else', async () => {
		await start(10, { nextLinkOrigin: 'https://attacker.example' });
		const { items, error } = await run({ returnAll: true, pageSize: 4 });

		expect(items).toHaveLength(0);
		expect(error?.message).toContain(
			'Refusing to send credentials to an unexpected host: Defender\'s next page link points to "https://attacker.example"',
		);
		expect(simulator.apiRequests()).toHaveLength(1);
	});

	it.each([0, 200_001, 2.5])('refuses Page Size %p with nothing sent', async (pageSize) => {
		await start();
		const { error } = await run({ returnAll: true, pageSize });

		expect(error?.message).toBe(
			`Page Size must be a whole number from 1 to 200,000, got ${pageSize}`,
		);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it(`a 403 names ${permission}`, async () => {
		await start(0, {
			apps: [{ ...DEFAULT_APP, roles: DEFAULT_APP.roles.filter((role) => role !== permission) }],
		});
		const { error } = await run({ returnAll: true });

		expect(error?.message).toContain('The app registration is not allowed to');
		expect(error?.description).toContain(permission);
	});
});

describe('Export Assessment By Device beyond what one item can hand on', () => {
	it('fails the item past 100,000 rows after reading one row more, and says what to do', async () => {
		await start(100_001);
		const { items, error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'exportAssessment',
			returnAll: true,
			pageSize: 200_000,
		});

		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			'More than 100,000 software vulnerability rows to return for one item: n8n cannot pass that many items on from one input item',
		);
		expect(error?.description).toContain('Set a Limit');
		expect(calls()).toEqual([
			'GET /api/machines/SoftwareVulnerabilitiesByMachine size=100001 from=0',
		]);
		// 100,001 rows of about 1 KB through the engine: allowed more than the usual 30 s on a busy machine.
	}, 180_000);
});

describe('Export Assessment By Device pacing', () => {
	it('sends no more than the 30 calls a minute Defender states: the 31st page waits for the next minute', async () => {
		const clock = useFakeNodeClock();
		simulator = await startDefenderSimulator({ now: clock.now });
		simulator.exposure.syntheticRows = 32;

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'exportAssessment',
			returnAll: true,
			pageSize: 1,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(32);
		const requests = simulator.apiRequests();
		expect(requests).toHaveLength(32);
		expect(requests.every((request) => request.status === 200)).toBe(true);
		expect(requests[29].at - requests[0].at).toBeLessThan(60_000);
		expect(requests[30].at - requests[0].at).toBeGreaterThanOrEqual(60_000);
	});
});
