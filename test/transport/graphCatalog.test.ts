import { GRAPH_ENDPOINTS } from '../../nodes/MicrosoftDefenderXdr/transport/graphCatalog';
import { resolveGraphBaseUrl } from '../../nodes/MicrosoftDefenderXdr/transport/graphService';
import { SIMULATED_ROUTES, statedLimit } from '../../simulator/server';

// The Graph catalog and the simulator's Graph routes each model Graph on their own; this keeps them in step.
const endpoints = Object.values(GRAPH_ENDPOINTS);
const routes = endpoints.flatMap((endpoint) =>
	endpoint.routes.map((route) => ({ endpoint, ...route })),
);

describe('The Graph catalog and the simulator', () => {
	it.each(routes.map((route) => [`${route.method} ${route.path}`, route]))(
		'%s: served under the same API name',
		(_label, route) => {
			const served = SIMULATED_ROUTES.find(
				(candidate) => candidate.method === route.method && candidate.path === route.path,
			);
			expect(served?.api).toBe(route.endpoint.name);
		},
	);

	it.each(endpoints.map((endpoint) => [endpoint.name, endpoint]))(
		'%s: the same limits, and every role named in the 403 message',
		(_name, endpoint) => {
			expect(statedLimit(endpoint.name)).toEqual({
				perMinute: endpoint.perMinute,
				perHour: endpoint.perHour,
			});
			const roles = SIMULATED_ROUTES.filter((route) => route.api === endpoint.name).flatMap(
				(route) => route.roles,
			);
			expect(roles.length).toBeGreaterThan(0);
			for (const role of roles) expect(endpoint.permission).toContain(role);
			expect(endpoint.product).toBe('Microsoft Graph');
		},
	);

	it('names each API once, as its key', () => {
		for (const [name, endpoint] of Object.entries(GRAPH_ENDPOINTS))
			expect(endpoint.name).toBe(name);
	});
});

describe("The XDR credential's Graph root", () => {
	it.each([
		[
			{ environment: 'global', tenantId: 'contoso.onmicrosoft.com' },
			{ ok: true, value: 'https://graph.microsoft.com' },
		],
		[
			{ environment: 'gccHigh', tenantId: '11111111-2222-3333-4444-555555555555' },
			{ ok: true, value: 'https://graph.microsoft.us' },
		],
		[
			{ environment: 'dod', tenantId: '11111111-2222-3333-4444-555555555555' },
			{ ok: true, value: 'https://dod-graph.microsoft.us' },
		],
		[
			{ environment: 'custom', apiUrl: 'http://127.0.0.1:3000/v1.0/' },
			{ ok: true, value: 'http://127.0.0.1:3000' },
		],
	])('%j → %j', (credential, expected) => {
		expect(resolveGraphBaseUrl(credential)).toEqual(expected);
	});

	it.each([
		[{ environment: 'global', tenantId: 'x/../y' }, 'Tenant ID must be a directory GUID'],
		[{ environment: 'china' }, 'Unknown Microsoft Graph environment "china"'],
		[{ environment: 'custom', apiUrl: 'http://graph.example.com' }, 'must use https'],
		[
			{ environment: 'custom', apiUrl: 'graph' },
			'Use the service root, like https://graph.microsoft.com',
		],
	])('%j is refused: %s', (credential, problem) => {
		const checked = resolveGraphBaseUrl(credential);
		expect(checked.ok ? '' : checked.problem).toContain(problem);
	});
});
