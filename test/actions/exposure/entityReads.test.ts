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
import { itReadsEachRow, itRefusesEachRow } from '../../harness/entityReadTable';
import type { EntityReadRow, RefusalRow } from '../../harness/entityReadTable';
import { runOnSimulator } from '../../harness/simulatorRuns';

// Every declared read (entityRead) is one row: a new endpoint on that shape adds a row here.
let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (roles?: string[]) => {
	simulator = await startDefenderSimulator(roles ? { apps: [{ ...DEFAULT_APP, roles }] } : {});
	simulator.seedMachines(8);
	return simulator;
};
const machines = () => [...simulator.machines.values()];
/** A Windows 10 device with open CVEs, so every device list has entries. */
const exposedDevice = (): SimulatedMachine =>
	machines().find((machine) => machine.osPlatform === 'Windows10' && rowsOf(machine).length > 1) ??
	machines()[0];
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const windows10 = SEEDED_SOFTWARE.find((software) => software.name === 'windows_10')!;
const ids = (entries: ReadonlyArray<{ id: unknown }>) => entries.map((entry) => entry.id);

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

const ROWS: EntityReadRow[] = [
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

describe('Declared reads (entityRead), one row each', () => {
	itReadsEachRow(ROWS, {
		start,
		rolesWithout: (row) => DEFAULT_APP.roles.filter((role) => role !== row.permission),
		itemIs: 'entry',
	});
});

const REFUSALS: RefusalRow[] = [
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
	['software', 'getMissingKbs', { softwareId: 'a-_-b-_-c' }, 'Software ID must be', '"a-_-b-_-c"'],
	['recommendation', 'get', { recommendationId: 'va-_-' }, 'Recommendation ID must be', '"va-_-"'],
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
];

describe('Declared reads refuse bad input with nothing sent', () => {
	itRefusesEachRow(REFUSALS, start);

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
