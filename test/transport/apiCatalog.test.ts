import { API_ENDPOINTS } from '../../nodes/MicrosoftDefenderEndpoint/transport/apiCatalog';
import type { ApiEndpoint } from '../../nodes/core/transport/apiEndpoint';
import { SIMULATED_ROUTES, statedLimit } from '../../simulator/server';

// The node's catalog and the simulator each model Defender on their own; this keeps them from drifting apart.
const endpoints: ApiEndpoint[] = Object.values(API_ENDPOINTS);
const catalogRoutes = endpoints.flatMap((endpoint) =>
	endpoint.routes.map((route) => ({ endpoint, ...route })),
);
const key = (method: string, path: string) => `${method} ${path.toLowerCase()}`;

describe('The API catalog and the simulator', () => {
	it.each(catalogRoutes.map((route) => [`${route.method} ${route.path}`, route]))(
		'%s: the simulator serves it under the same API name',
		(_label, route) => {
			const served = SIMULATED_ROUTES.find(
				(candidate) => key(candidate.method, candidate.path) === key(route.method, route.path),
			);
			expect(served?.api).toBe(route.endpoint.name);
		},
	);

	it.each(endpoints.map((endpoint) => [endpoint.name, endpoint]))(
		'%s: the same limits per minute and per hour',
		(_name, endpoint) => {
			expect(statedLimit(endpoint.name)).toEqual({
				perMinute: endpoint.perMinute,
				perHour: endpoint.perHour,
			});
		},
	);

	it.each(endpoints.map((endpoint) => [endpoint.name, endpoint]))(
		'%s: every role the simulator accepts is one the node names in its 403 message',
		(_name, endpoint) => {
			const roles = SIMULATED_ROUTES.filter((route) => route.api === endpoint.name).flatMap(
				(route) => route.roles,
			);
			expect(roles.length).toBeGreaterThan(0);
			for (const role of roles) expect(endpoint.permission).toContain(role);
		},
	);

	it('names each API once, as its key', () => {
		for (const [name, endpoint] of Object.entries(API_ENDPOINTS)) expect(endpoint.name).toBe(name);
	});

	it('has no simulated API route under a catalog API name that the catalog does not list', () => {
		const names = new Set(endpoints.map((endpoint) => endpoint.name));
		const listed = new Set(catalogRoutes.map((route) => key(route.method, route.path)));
		const unlisted = SIMULATED_ROUTES.filter(
			(route) => names.has(route.api) && !listed.has(key(route.method, route.path)),
		);
		expect(unlisted).toEqual([]);
	});
});
