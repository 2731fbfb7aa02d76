import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { SEEDED_CVES, rowsOf } from '../../../simulator/stores/exposure/exposureData';
import { runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());
const start = async (syntheticRows = 0) => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(6);
	simulator.exposure.syntheticRows = syntheticRows;
};
/** Each request as `METHOD /path?query`, its query in the order sent. */
const decoded = () =>
	simulator.apiRequests().map(({ method, path, query }) => {
		const qs = Object.entries(query).map(([key, value]) => `${key}=${value}`);
		return `${method} ${path}${qs.length ? `?${qs.join('&')}` : ''}`;
	});
const ownRows = () => [...simulator.machines.values()].flatMap(rowsOf);

describe('Vulnerability, Software, Security Recommendation → Get Many', () => {
	it('Vulnerability → Get Many sends the filters as one $filter, at most 8,000 a page', async () => {
		await start();
		const { items, error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAll',
			returnAll: true,
			filters: { severity: ['Critical'], publishedAfter: '2023-01-01T00:00:00Z' },
		});

		expect(error).toBeUndefined();
		expect(decoded()).toEqual([
			"GET /api/vulnerabilities?$filter=severity eq 'Critical' and publishedOn gt 2023-01-01T00:00:00.000Z&$top=8000",
		]);
		expect(items.map((item) => item.json.id)).toEqual(
			SEEDED_CVES.filter(
				(cve) => cve.severity === 'Critical' && cve.publishedOn > '2023-01-01',
			).map((cve) => cve.id),
		);
	});

	it('Software → Get Many filters by vendor', async () => {
		await start();
		const { items } = await runOnSimulator(simulator, {
			resource: 'software',
			operation: 'getAll',
			limit: 2,
			filters: { vendor: 'microsoft' },
		});

		expect(decoded()).toEqual(["GET /api/Software?$filter=vendor eq 'microsoft'&$top=2"]);
		expect(items.map((item) => item.json.id)).toEqual([
			'microsoft-_-edge',
			'microsoft-_-windows_10',
		]);
	});

	it('Security Recommendation → Get Many filters by category', async () => {
		await start();
		const { items } = await runOnSimulator(simulator, {
			resource: 'recommendation',
			operation: 'getAll',
			returnAll: true,
			filters: { recommendationCategory: 'OS' },
		});

		expect(items.map((item) => item.json.id)).toEqual(['va-_-microsoft-_-windows_10']);
	});
});

describe('Vulnerability → Get Many By Device and Software', () => {
	it('Return All reads 10,000 rows a page by $skip while a page comes back full', async () => {
		await start(20_000);
		const total = ownRows().length + 20_000;

		const { items, error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAllByDeviceAndSoftware',
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(decoded()).toEqual([
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=10000',
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=10000&$skip=10000',
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=10000&$skip=20000',
		]);
		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(total);
	});

	it('stops at the Limit without reading a page more', async () => {
		await start(20_000);
		const { items } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAllByDeviceAndSoftware',
			limit: 12_000,
		});

		expect(decoded()).toEqual([
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=10000',
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=2000&$skip=10000',
		]);
		expect(items).toHaveLength(12_000);
	});

	it('refuses more than 100,000 rows for one item, after the page that shows it, naming the filters', async () => {
		await start(150_000);
		const { items, error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAllByDeviceAndSoftware',
			returnAll: true,
		});

		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			'More than 100,000 vulnerability rows to return for one item: n8n cannot pass that many items on from one input item',
		);
		expect(error?.description).toContain('Filters (CVE ID, Device ID');
		const calls = decoded();
		expect(calls).toHaveLength(11);
		expect(calls.at(-1)).toBe(
			'GET /api/vulnerabilities/machinesVulnerabilities?$top=1&$skip=100000',
		);
	});

	it('filters by CVE and device, one item per row', async () => {
		await start();
		const row = ownRows()[0];
		const { items } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAllByDeviceAndSoftware',
			returnAll: true,
			filters: { cveId: row.cveId.toLowerCase(), machineId: row.machineId },
		});

		expect(decoded()).toEqual([
			`GET /api/vulnerabilities/machinesVulnerabilities?$filter=cveId eq '${row.cveId}' and machineId eq '${row.machineId}'&$top=10000`,
		]);
		expect(items.map((item) => item.json)).toEqual([row]);
	});

	it.each([
		[
			{ cveId: '2024-1234' },
			'Filter "CVE ID" must be a CVE ID such as CVE-2024-21412',
			'"2024-1234"',
		],
		[
			{ machineId: 'desktop-001' },
			'Filter "Device ID" must be a Defender device ID',
			'"desktop-001"',
		],
	])('refuses the filter %j with nothing sent', async (filters, problem, value) => {
		await start();
		const { error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'getAllByDeviceAndSoftware',
			filters,
		});

		expect(error?.message).toContain(problem);
		expect(error?.message).toContain(value);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
