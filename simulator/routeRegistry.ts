import { pathPattern } from './core/http';
import type { HttpMethod } from './core/http';
import { COMMON_STATED_LIMIT, STATED_LIMITS } from './core/limits/statedLimits';
import { DEFENDER_ROUTES } from './defender/routes';
import { GRAPH_ROUTES } from './graph/routes';
import type { ApiRoute } from './simulatorRoute';

/** Every API the simulator serves, Defender's then Graph's; its order is the order of ENDPOINT_CLASSES. */
const API_ROUTES: readonly ApiRoute[] = [...DEFENDER_ROUTES, ...GRAPH_ROUTES];

const COMPILED = API_ROUTES.map((route) => ({
	route,
	pattern: pathPattern(route.path, {
		caseInsensitive: true,
		callParentheses: route.callParentheses,
	}),
}));

export interface SimulatedRoute {
	method: HttpMethod;
	path: string;
	api: string;
	roles: readonly string[];
}

/** What the simulator serves, for checking a client's API catalog against it. */
export const SIMULATED_ROUTES: ReadonlyArray<SimulatedRoute> = API_ROUTES.map(
	({ method, path, api, roles }) =>
		Object.freeze({ method, path, api, roles: Object.freeze([...roles]) }),
);

/** Every rate-limit class: Defender states its limits per API, so each counts on its own. */
export const ENDPOINT_CLASSES: readonly string[] = [
	...new Set(API_ROUTES.map((route) => route.api)),
];

export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

/** The limit Defender states for one API (a rate-limit class of SIMULATED_ROUTES), as the simulator enforces it by default. */
export function statedLimit(api: string): { perMinute: number; perHour: number } {
	if (!ENDPOINT_CLASSES.includes(api))
		throw new Error(
			`The simulator serves no API '${api}'; its APIs are ${ENDPOINT_CLASSES.join(', ')}`,
		);
	const stated = STATED_LIMITS[api];
	return {
		perMinute: stated?.perWindow ?? COMMON_STATED_LIMIT.perWindow,
		perHour: stated?.perHour ?? COMMON_STATED_LIMIT.perHour,
	};
}

/** Which API a path belongs to; the method, checked after rate limiting, only picks between APIs sharing a path. */
export function findRoute(
	pathname: string,
	method = 'GET',
): { route: ApiRoute; rawId: string | undefined } | undefined {
	const matching = COMPILED.map(({ route, pattern }) => ({
		route,
		match: pattern.exec(pathname),
	})).filter(({ match }) => match !== null);
	const found = matching.find(({ route }) => route.method === method.toUpperCase()) ?? matching[0];
	return found && { route: found.route, rawId: found.match?.[1] };
}
