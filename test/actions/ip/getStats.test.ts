import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
	simulator.seedMachines(2);
};
afterEach(async () => await simulator.close());

const getStats = (ipAddress: string, lookBackHours = 48) => ({
	resource: 'ip',
	operation: 'getStats',
	ipAddress,
	lookBackHours,
});

describe('IP → Get Statistics', () => {
	it('outputs how many devices reached an address the tenant knows', async () => {
		await start();
		const ip = [...simulator.machines.values()][0].lastExternalIpAddress;

		const { items, error } = await runDefenderNode({
			parameters: getStats(ip),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => [request.path, request.query])).toEqual([
			[`/api/ips/${ip}/stats`, { lookBackHours: '48' }],
		]);
		expect(items.map((item) => item.json)).toEqual([
			{
				ipAddress: ip,
				organizationPrevalence: expect.any(Number),
				orgFirstSeen: expect.any(String),
				orgLastSeen: expect.any(String),
			},
		]);
		expect(items[0].json.organizationPrevalence).toBeGreaterThan(0);
	});

	it('outputs prevalence 0 for an address nobody reached, IPv6 included', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getStats('2001:DB8::7'),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].path).toBe('/api/ips/2001:db8::7/stats');
		expect(items[0].json).toEqual({
			ipAddress: '2001:db8::7',
			organizationPrevalence: 0,
			orgFirstSeen: null,
			orgLastSeen: null,
		});
	});

	it('names Ip.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getStats('203.0.113.17'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'The app registration is not allowed to read the statistics of IP 203.0.113.17',
		);
		expect(error?.description).toContain('Ip.Read.All');
	});

	it.each([
		['a host name', 'example.com', 48, 'IP Address must be an IPv4 or IPv6 address'],
		['a path after the address', '203.0.113.17/../../machines', 48, 'IP Address must be'],
		['a CIDR range', '203.0.113.0/24', 48, 'IP Address must be'],
		['two double colons', '2001::db8::1', 48, 'IP Address must be'],
		[
			'too long a look-back',
			'203.0.113.17',
			1000,
			'Look-Back Hours must be a whole number from 1 to 720',
		],
	])('refuses %s before sending anything', async (_label, ip, hours, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getStats(ip, hours),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
