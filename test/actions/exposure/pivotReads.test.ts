import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import type { SimulatedAlert } from '../../../simulator/stores/alerts';
import { itReadsEachRow, itRefusesEachRow } from '../../harness/entityReadTable';
import type { EntityReadRow, RefusalRow } from '../../harness/entityReadTable';
import { runOnSimulator } from '../../harness/simulatorRuns';

// Pivots are declared reads too (entityRead): one row per endpoint, as in entityReads.test.ts.
let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const start = async (roles?: string[]) => {
	simulator = await startDefenderSimulator(roles ? { apps: [{ ...DEFAULT_APP, roles }] } : {});
	simulator.seedMachines(4);
	simulator.seedAlerts(8);
	return simulator;
};
const alerts = () => [...simulator.alerts.values()];
const alertWith = (has: (alert: SimulatedAlert) => boolean) => {
	const found = alerts().find(has);
	if (!found) throw new Error('no seeded alert fits this row');
	return found;
};
const withFile = () => alertWith((alert) => alert.evidence.some((entry) => entry.sha1 !== null));
const withIp = () => alertWith((alert) => alert.evidence.some((entry) => entry.ipAddress !== null));
const withUrl = () => alertWith((alert) => alert.evidence.some((entry) => entry.url !== null));
const withUser = () => alertWith((alert) => alert.relatedUser !== null);
const sha1Of = () => withFile().evidence.find((entry) => entry.sha1 !== null)?.sha1 ?? '';
const ipOf = () => withIp().evidence.find((entry) => entry.ipAddress !== null)?.ipAddress ?? '';
const hostOf = () => new URL(withUrl().evidence.find((entry) => entry.url)?.url ?? '').hostname;
const userOf = () => withUser().relatedUser?.userName ?? '';
const unique = <T>(values: T[]) => [...new Set(values)];
const ids = (list: Array<{ id: string }>) => list.map((entry) => entry.id);
const alertIds = (keep: (alert: SimulatedAlert) => boolean) => ids(alerts().filter(keep));
const machinesOf = (list: SimulatedAlert[]) =>
	[...simulator.machines.values()]
		.filter((machine) => list.some((alert) => alert.machineId === machine.id))
		.map((machine) => machine.id);
const hasSha1 = (alert: SimulatedAlert) => alert.evidence.some((entry) => entry.sha1 === sha1Of());
const hasHost = (alert: SimulatedAlert) =>
	alert.evidence.some((entry) => entry.url !== null && new URL(entry.url).hostname === hostOf());
const byLocator = (value: string) => ({ __rl: true, mode: 'id', value });

const alertRow = (
	operation: string,
	tail: string,
	alert: () => SimulatedAlert,
	expected: () => unknown[],
	pick: EntityReadRow['pick'],
	permission: string,
): EntityReadRow => ({
	resource: 'alert',
	operation,
	key: () => ({ alertId: byLocator(alert().id) }),
	path: () => `/api/alerts/${alert().id}/${tail}`,
	expected,
	pick,
	permission,
});

const ROWS: EntityReadRow[] = [
	alertRow(
		'getFiles',
		'files',
		withFile,
		() => unique(withFile().evidence.flatMap((entry) => (entry.sha1 ? [entry.sha1] : []))),
		(json) => json.sha1,
		'File.Read.All',
	),
	alertRow(
		'getIps',
		'ips',
		withIp,
		() => [ipOf()],
		(json) => json.id,
		'Ip.Read.All',
	),
	alertRow(
		'getDomains',
		'domains',
		withUrl,
		() => [hostOf()],
		(json) => json.host,
		'URL.Read.All',
	),
	alertRow(
		'getUser',
		'user',
		withUser,
		() => [userOf()],
		(json) => json.accountName,
		'User.Read.All',
	),
	alertRow(
		'getDevice',
		'machine',
		() => alerts()[0],
		() => [alerts()[0].machineId],
		(json) => json.id,
		'Machine.Read.All',
	),
	{
		resource: 'machine',
		operation: 'getAlerts',
		key: () => ({ machineId: byLocator(alerts()[0].machineId) }),
		path: () => `/api/machines/${alerts()[0].machineId}/alerts`,
		expected: () => alertIds((alert) => alert.machineId === alerts()[0].machineId),
		pick: (json) => json.id,
		permission: 'Alert.Read.All',
	},
	{
		resource: 'user',
		operation: 'getAlerts',
		key: () => ({ userName: `${userOf()}@contoso.com` }),
		path: () => `/api/users/${userOf()}/alerts`,
		expected: () => alertIds((alert) => alert.relatedUser?.userName === userOf()),
		pick: (json) => json.id,
		permission: 'Alert.Read.All',
	},
	{
		resource: 'file',
		operation: 'getAlerts',
		key: () => ({ fileHash: sha1Of().toUpperCase() }),
		path: () => `/api/files/${sha1Of()}/alerts`,
		expected: () => alertIds(hasSha1),
		pick: (json) => json.id,
		permission: 'Alert.Read.All',
	},
	{
		resource: 'file',
		operation: 'getDevices',
		key: () => ({ fileHash: sha1Of() }),
		path: () => `/api/files/${sha1Of()}/machines`,
		expected: () => machinesOf(alerts().filter(hasSha1)),
		pick: (json) => json.id,
		permission: 'Machine.Read.All',
	},
	{
		resource: 'domain',
		operation: 'getAlerts',
		key: () => ({ domain: hostOf() }),
		path: () => `/api/domains/${hostOf()}/alerts`,
		expected: () => alertIds(hasHost),
		pick: (json) => json.id,
		permission: 'Alert.ReadWrite.All',
	},
	{
		resource: 'domain',
		operation: 'getDevices',
		key: () => ({ domain: hostOf() }),
		path: () => `/api/domains/${hostOf()}/machines`,
		expected: () => machinesOf(alerts().filter(hasHost)),
		pick: (json) => json.id,
		permission: 'Machine.Read.All',
	},
	{
		resource: 'ip',
		operation: 'getAlerts',
		key: () => ({ ipAddress: ipOf() }),
		path: () => `/api/ips/${ipOf()}/alerts`,
		expected: () => alertIds((alert) => alert.evidence.some((entry) => entry.ipAddress === ipOf())),
		pick: (json) => json.id,
		permission: 'Alert.Read.All',
	},
];

describe('Pivots (declared reads), one row each', () => {
	itReadsEachRow(ROWS, {
		start,
		// A pivot's permission has siblings (Alert.Read.All and Alert.ReadWrite.All): the app lacks them all.
		rolesWithout: (row) =>
			DEFAULT_APP.roles.filter((role) => !role.startsWith(`${row.permission.split('.')[0]}.`)),
		itemIs: 'related entity',
	});

	it('pairs each related entity with the item that asked for it', async () => {
		await start();
		const [first, second] = alerts();
		const { items, error } = await runOnSimulator(
			simulator,
			{ resource: 'alert', operation: 'getDevice', alertId: '={{ $json.alertId }}' },
			{ items: [{ alertId: first.id }, { alertId: second.id }] },
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[first.machineId, { item: 0 }],
			[second.machineId, { item: 1 }],
		]);
	});
});

const REFUSALS: RefusalRow[] = [
	[
		'user',
		'getAlerts',
		{ userName: 'S-1-5-21-1004336348-1177238915-682003330-1100' },
		'User is a SID',
	],
	['user', 'getDevices', { userName: 'a@b@contoso.com' }, 'User must be an account name'],
	['user', 'getAlerts', { userName: 'user1/../../machines' }, 'User must be an account name'],
	[
		'file',
		'getAlerts',
		{ fileHash: 'a'.repeat(64) },
		'File Hash must be a SHA-1, 40 hexadecimal characters',
	],
	['file', 'getDevices', { fileHash: 'a'.repeat(32) }, '(32 characters)'],
	['domain', 'getAlerts', { domain: 'https://example.com/x' }, 'Domain must be a host name'],
	['ip', 'getAlerts', { ipAddress: '10.0.0.256' }, 'IP Address must be an IPv4 or IPv6 address'],
	[
		'alert',
		'getFiles',
		{ alertId: byLocator("={{ '../machines' }}") },
		'Alert ID must be a Defender alert ID',
	],
];

describe('Pivots refuse bad input with nothing sent', () => {
	itRefusesEachRow(REFUSALS, start);
});
