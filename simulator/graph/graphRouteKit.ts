import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import { jsonBody } from '../core/requestBody';
import type { GraphAlert, GraphIncident } from '../stores/graph/graphStore';
import type { SimulatorState } from '../stores/state';
import type { ApiRoute } from '../simulatorRoute';

/** Where Graph's security APIs live. */
export const GRAPH = '/v1.0/security';

const FILTER_FIELDS = [
	'assignedTo',
	'classification',
	'determination',
	'severity',
	'status',
	'serviceSource',
	'createdDateTime',
	'lastUpdateDateTime',
];
const DATE_FIELDS = ['createdDateTime', 'lastUpdateDateTime'];
// Incidents document no $top cap; peers met "query limit exceeded" above 50 [U]. Alerts take 1000.
const MAX_TOP = { incidents: 50, alerts_v2: 1000 };

export const context = (state: SimulatorState, set: string) =>
	`${state.url}/v1.0/$metadata#security/${set}`;

export function list<T extends object>(
	state: SimulatorState,
	url: URL,
	set: 'incidents' | 'alerts_v2',
	entities: T[],
) {
	const top = Number(url.searchParams.get('$top') ?? 0);
	if (top > MAX_TOP[set])
		throw new HttpProblem(
			400,
			'BadRequest',
			`Query limit exceeded: $top may be at most ${MAX_TOP[set]}`,
		);
	const matching = filtered(entities, url, FILTER_FIELDS, DATE_FIELDS, {
		caseInsensitiveFields: ['assignedTo'],
	});
	return page(matching, url, context(state, set), state.paging());
}

const ENUMS: Record<string, readonly string[]> = {
	status: ['active', 'inProgress', 'resolved', 'redirected', 'new'],
	classification: ['unknown', 'falsePositive', 'truePositive', 'informationalExpectedActivity'],
};

/** The PATCH body: only the properties the update pages list, string values checked where Graph's enums are known. */
export function patchOf(
	call: Parameters<ApiRoute['handle']>[1],
	allowed: string[],
): Partial<GraphIncident & GraphAlert> {
	const body = jsonBody(call.req, call.body);
	for (const [key, value] of Object.entries(body)) {
		if (!allowed.includes(key))
			throw new HttpProblem(400, 'BadRequest', `Property '${key}' cannot be updated`);
		if (ENUMS[key] && !ENUMS[key].includes(String(value))) {
			throw new HttpProblem(
				400,
				'BadRequest',
				`Invalid value '${String(value)}' for property '${key}'`,
			);
		}
	}
	return body as Partial<GraphIncident & GraphAlert>;
}

export function commentText(call: Parameters<ApiRoute['handle']>[1]): string {
	const body = jsonBody(call.req, call.body);
	if (
		body['@odata.type'] !== 'microsoft.graph.security.alertComment' ||
		typeof body.comment !== 'string' ||
		body.comment === ''
	) {
		throw new HttpProblem(400, 'BadRequest', 'The body must be an alertComment with a comment');
	}
	return body.comment;
}

/** A route that takes Graph's token, not Defender's. */
export const graphRoute = (route: Omit<ApiRoute, 'audience'>): ApiRoute => ({
	...route,
	audience: 'graph',
});
