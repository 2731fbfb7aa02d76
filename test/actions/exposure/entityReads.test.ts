import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import type { SimulatedMachine } from '../../../simulator/stores/machines';
import { SEEDED_SOFTWARE, rowsOf } from '../../../simulator/stores/exposure/exposureData';
import {
	devicesExposedTo,
	devicesRunning,
	distributionsOf,
	machineReference,
	missingKbsOf,
} from '../../../simulator/stores/exposure/exposureEntities';
import { requestLines, runOnSimulator } from '../../harness/simulatorRuns';

// Every declared read (entityRead) is one row: a new endpoint on that shape adds a row here.
let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (roles?: string[]) => {
	simulator = await startDefenderSimulator(roles ? { apps: [{ ...DEFAULT_APP, roles }] } : {});
	simulator.seedMachines(8);
};
const machines = () => [...simulator.machines.values()];
/** A Windows 10 device with open CVEs, so every device list has entries. */
const exposedDevice = (): SimulatedMachine =>
	machines().find((machine) => machine.osPlatform === 'Windows10' && rowsOf(machine).length > 1) ??
	machines()[0];
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const windows10 = SEEDED_SOFTWARE.find((software) => software.name === 'windows_10')!;
const ids = (entries: ReadonlyArray<{ id: unknown }>) => entries.map((entry) => entry.id);

interface ReadRow {
	resource: string;
	operation: string;
	key: () => INodeParameters;
	path: () => string;
	/** What the items must be (their ids, or versions for a distribution). */
	expected: () => unknown[];
	pick?: (json: Record<string, unknown>) => unknown;
	permission: string;
}

const device = (
	operation: string,
	tail: string,
	permission: string,
	expected: () => unknown[],
) => ({
	resource: 'machine',
	operation,
	key: () => ({ machineId: byId(exposedDevice().id) }),
	path: () => `/api/machines/${exposedDevice().id}/${tail}`,
	expected,
	permission,
});
const openCves = () => [...new Set(rowsOf(exposedDevice()).map((row) => row.cveId))];

const ROWS: ReadRow[] = [
	device('getSoftware', 'software', 'Software.Read.All', () =>
		SEEDED_SOFTWARE.filter((software) => devicesRunning([exposedDevice()], software).length).map(
			(software) => `${software.vendor}-_-${software.name}`,
		),
	),
	device('getVulnerabilities', 'vulnerabilities', 'Vulnerability.Read.All', openCves),
	device('getRecommendations', 'recommendations', 'SecurityRecommendation.Read.All', () => [
		...new Set(
			rowsOf(exposedDevice()).map((row) => `va-_-${row.productVendor}-_-${row.productName}`),
		),
	]),
	{
		resource: 'vulnerability',
		operation: 'get',
		key: () => ({ cveId: ' cve-2023-36884 ' }),
		path: () => '/api/vulnerabilities/CVE-2023-36884',
		expected: () => ['CVE-2023-36884'],
		permission: 'Vulnerability.Read.All',
	},
	{
		resource: 'vulnerability',
		operation: 'getAffectedDevices',
		key: () => ({ cveId: openCves()[0] }),
		path: () => `/api/vulnerabilities/${openCves()[0]}/machineReferences`,
		expected: () => ids(devicesExposedTo(machines(), openCves()[0]).map(machineReference)),
		permission: 'Vulnerability.Read.All',
	},
	...(
		[
			['get', '', () => ['microsoft-_-windows_10'], 'Software.Read.All'],
			[
				'getVulnerabilities',
				'/vulnerabilities',
				() => ['CVE-2023-36884', 'CVE-2023-36033'],
				'Vulnerability.Read.All',
			],
			[
				'getDevices',
				'/machineReferences',
				() => ids(devicesRunning(machines(), windows10)),
				'Software.Read.All',
			],
			[
				'getMissingKbs',
				'/getmissingkbs',
				() => ids(missingKbsOf(windows10, machines())),
				'Software.Read.All',
			],
		] as const
	).map(([operation, tail, expected, permission]) => ({
		resource: 'software',
		operation,
		key: () => ({ softwareId: 'microsoft-_-windows_10' }),
		path: () => `/api/Software/microsoft-_-windows_10${tail}`,
		expected,
		permission,
	})),
	{
		resource: 'software',
		operation: 'getVersionDistribution',
		key: () => ({ softwareId: 'microsoft-_-windows_10' }),
		path: () => '/api/Software/microsoft-_-windows_10/distributions',
		expected: () => distributionsOf(windows10, machines()).map((entry) => entry.version),
		pick: (json) => json.version,
		permission: 'Software.Read.All',
	},
	...(
		[
			['get', '', () => ['va-_-microsoft-_-windows_10'], 'SecurityRecommendation.Read.All'],
			[
				'getSoftware',
				'/software',
				() => ['microsoft-_-windows_10'],
				'SecurityRecommendation.Read.All',
			],
			[
				'getDevices',
				'/machineReferences',
				() => ids(devicesRunning(machines(), windows10)),
				'SecurityRecommendation.Read.All',
			],
			[
				'getVulnerabilities',
				'/vulnerabilities',
				() => ['CVE-2023-36884', 'CVE-2023-36033'],
				'Vulnerability.Read.All',
			],
		] as const
	).map(([operation, tail, expected, permission]) => ({
		resource: 'recommendation',
		operation,
		key: () => ({ recommendationId: 'va-_-microsoft-_-windows_10' }),
		path: () => `/api/recommendations/va-_-microsoft-_-windows_10${tail}`,
		expected,
		permission,
	})),
];

const label = (row: ReadRow) => `${row.resource} → ${row.operation}`;

describe('Declared reads (entityRead), one row each', () => {
	it.each(ROWS.map((row) => [label(row), row] as const))(
		'%s: one request to its path, one item per entry',
		async (_label, row) => {
			await start();
			const { items, error } = await runOnSimulator(simulator, {
				resource: row.resource,
				operation: row.operation,
				...row.key(),
			});

			expect(error).toBeUndefined();
			expect(requestLines(simulator)).toEqual([`GET ${row.path()}`]);
			const expected = row.expected();
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => (row.pick ?? ((json) => json.id))(item.json))).toEqual(expected);
			expect(items.every((item) => !('@odata.context' in item.json))).toBe(true);
		},
	);

	it.each(ROWS.map((row) => [label(row), row] as const))(
		'%s: a 403 names the permission it needs',
		async (_label, row) => {
			await start(DEFAULT_APP.roles.filter((role) => role !== row.permission));
			const { error } = await runOnSimulator(simulator, {
				resource: row.resource,
				operation: row.operation,
				...row.key(),
			});

			expect(error?.message).toContain('The app registration is not allowed to');
			expect(error?.description).toContain(row.permission);
		},
	);
});

describe('Declared reads refuse bad input with nothing sent', () => {
	it.each([
		[
			'vulnerability',
			'get',
			{ cveId: 'CVE-24-1' },
			'CVE ID must be a CVE ID such as CVE-2024-21412',
			'"CVE-24-1"',
		],
		[
			'vulnerability',
			'getAffectedDevices',
			{ cveId: 'CVE-2024-1/../x' },
			'CVE ID must be',
			'CVE-2024-1/../x',
		],
		['vulnerability', 'get', { cveId: "={{ '' }}" }, 'CVE ID is empty', ''],
		[
			'software',
			'get',
			{ softwareId: 'edge' },
			"Software ID must be in Defender's vendor-_-product form",
			'"edge"',
		],
		[
			'software',
			'getDevices',
			{ softwareId: 'microsoft-_-edge/../x' },
			'Software ID must be',
			'edge/../x',
		],
		[
			'software',
			'getMissingKbs',
			{ softwareId: 'a-_-b-_-c' },
			'Software ID must be',
			'"a-_-b-_-c"',
		],
		[
			'recommendation',
			'get',
			{ recommendationId: 'va-_-' },
			'Recommendation ID must be',
			'"va-_-"',
		],
		[
			'recommendation',
			'getSoftware',
			{ recommendationId: 'va-_-x?$top=1' },
			'Recommendation ID must be',
			'x?$top=1',
		],
		[
			'machine',
			'getSoftware',
			{ machineId: byId("={{ 'abc' }}") },
			'Device ID must be a Defender device ID',
			'"abc"',
		],
	] as const)('%s → %s with %j', async (resource, operation, key, problem, value) => {
		await start();
		const { error } = await runOnSimulator(simulator, { resource, operation, ...key });

		expect(error?.message).toContain(problem);
		expect(error?.message).toContain(value);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('says which device Defender does not know (404)', async () => {
		await start();
		const unknown = 'c'.repeat(40);
		const { error } = await runOnSimulator(simulator, {
			resource: 'machine',
			operation: 'getVulnerabilities',
			machineId: byId(unknown),
		});

		expect(error?.message).toBe(`Device ${unknown} was not found`);
	});

	it('says which CVE Defender does not know (404)', async () => {
		await start();
		const { error } = await runOnSimulator(simulator, {
			resource: 'vulnerability',
			operation: 'get',
			cveId: 'CVE-2099-0001',
		});

		expect(error?.message).toBe('Vulnerability CVE-2099-0001 was not found');
	});
});
