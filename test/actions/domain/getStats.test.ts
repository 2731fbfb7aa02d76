import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
};
afterEach(async () => await simulator.close());

const getStats = (domain: string, lookBackHours = 720) => ({
	resource: 'domain',
	operation: 'getStats',
	domain,
	lookBackHours,
});

describe('Domain → Get Statistics', () => {
	it.each([
		['a domain', 'Example.com', 'example.com'],
		['a domain with a trailing dot', 'contoso.co.uk.', 'contoso.co.uk'],
	])('outputs the stats of %s', async (_label, domain, host) => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getStats(domain),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => [request.path, request.query])).toEqual([
			[`/api/domains/${host}/stats`, { lookBackHours: '720' }],
		]);
		expect(items.map((item) => item.json)).toEqual([
			{
				host,
				organizationPrevalence: expect.any(Number),
				orgFirstSeen: expect.any(String),
				orgLastSeen: expect.any(String),
			},
		]);
	});

	it('names URL.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getStats('example.com'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'The app registration is not allowed to read the statistics of domain example.com',
		);
		expect(error?.description).toContain('URL.Read.All');
	});

	it.each([
		[
			'a URL',
			'https://example.com/login',
			'Domain must be a host name such as example.com (only the host name, without scheme, port or path)',
		],
		['a path escape', 'example.com/../../machines', 'without scheme, port or path'],
		['a port', 'example.com:8443', 'without scheme, port or path'],
		['a single label', 'localhost', 'Domain must be a host name'],
		['spaces inside', 'exa mple.com', 'Domain must be a host name'],
		['an empty value (from an expression)', "={{ '' }}", 'Domain is empty'],
	])('refuses %s before sending anything', async (_label, domain, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getStats(domain),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
