import type { IncomingMessage } from 'node:http';

import { answerControl } from './controlApi';
import { requireRole } from './core/auth/tokenAuthority';
import type { DispatchTarget } from './core/dispatch';
import type { JsonAnswer } from './core/http';
import { HttpProblem } from './core/httpProblem';
import { findRoute } from './routeRegistry';
import type { SimulatorState } from './stores/state';

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

/** What the API server's dispatch works on: the shared pieces of `state`, and the answers built over its stores. */
export const dispatchTargetOf = (state: SimulatorState): DispatchTarget => ({
	clock: state.clock,
	faults: state.faults,
	auth: state.auth,
	endpointOf: (pathname, method) => findRoute(pathname, method)?.route.api,
	answerApi: (req, url, body) => answerApi(state, req, url, body),
	answerControl: (url, method, body) => answerControl(state, url, method, body),
});
