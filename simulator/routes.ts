import type { IncomingMessage } from 'node:http';

import { ALERT_ROUTES } from './alertRoutes';
import type { ApiRoute } from './apiRoute';
import { requireRole } from './auth';
import { PACKAGE_ROUTES } from './downloads';
import { GRAPH_ROUTES } from './graph/graphRoutes';
import { ENRICHMENT_ROUTES } from './enrichment';
import { EXPORT_ROUTES } from './exposure/exportRoutes';
import { EXPOSURE_ROUTES } from './exposure/exposureRoutes';
import { pathPattern } from './http';
import type { HttpMethod, JsonAnswer } from './http';
import { HttpProblem } from './httpProblem';
import { INDICATOR_ROUTES } from './indicators';
import { INVESTIGATION_ROUTES } from './investigations';
import { LAUNCH_ROUTES } from './launches';
import { LIBRARY_ROUTES } from './library';
import { LIVE_RESPONSE_ROUTES } from './liveResponseRoutes';
import { MACHINE_ACTION_ROUTES } from './machineActionRoutes';
import { MACHINE_TAG_ROUTES } from './machineTags';
import { MACHINE_ROUTES } from './machines';
import { PIVOT_ROUTES } from './pivots';
import { PLAYBOOK_WRITE_ROUTES } from './playbookWrites';
import type { SimulatorState } from './state';

/** Every Defender API the simulator serves; its order is the order of ENDPOINT_CLASSES. */
const API_ROUTES: readonly ApiRoute[] = [
	...MACHINE_ACTION_ROUTES,
	...PACKAGE_ROUTES,
	// Before the machine routes: /api/machines/{id} would also match findbytag, findbyip(...) and the exports.
	...MACHINE_TAG_ROUTES,
	...EXPORT_ROUTES,
	...MACHINE_ROUTES,
	...EXPOSURE_ROUTES,
	...LAUNCH_ROUTES,
	...INVESTIGATION_ROUTES,
	// Before the alert routes: /api/alerts/{id} would also match CreateAlertByReference.
	...PLAYBOOK_WRITE_ROUTES,
	...ALERT_ROUTES,
	...ENRICHMENT_ROUTES,
	...PIVOT_ROUTES,
	...LIVE_RESPONSE_ROUTES,
	...LIBRARY_ROUTES,
	...INDICATOR_ROUTES,
	...GRAPH_ROUTES,
];

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

/** An API call, checked in Defender's order: token, route, rate limit, method, id, then roles and the API's own checks. */
export function answerApi(
	state: SimulatorState,
	req: IncomingMessage,
	url: URL,
	body: string,
): JsonAnswer {
	const found = findRoute(url.pathname, req.method);
	const app = state.auth.authenticate(req, found?.route.audience);
	if (!found)
		throw new HttpProblem(404, 'ResourceNotFound', `Resource ${url.pathname} was not found`);
	const { route, rawId } = found;
	state.rateLimits.countCall(app, route.api);
	if (req.method !== route.method)
		throw new HttpProblem(405, 'MethodNotAllowed', 'Method not allowed');
	let id = '';
	try {
		id = rawId === undefined ? '' : decodeURIComponent(rawId);
	} catch {
		throw new HttpProblem(400, 'InvalidInput', `Invalid id in ${url.pathname}`);
	}
	state.actions.advanceLifecycles();
	state.liveResponse.advance(state);
	if (!route.rolesCheckedByHandler) requireRole(app, route.roles);
	return route.handle(state, { app, req, url, body, id });
}
