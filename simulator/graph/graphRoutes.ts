import type { ApiRoute } from '../apiRoute';
import { HttpProblem } from '../httpProblem';
import { filtered, page } from '../odata';
import { jsonBody } from '../requestBody';
import type { SimulatorState } from '../state';
import type { GraphAlert, GraphIncident } from './graphStore';
import { runKql } from './hunting';

const GRAPH = '/v1.0/security';
const INCIDENT_READ = ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'];
const INCIDENT_WRITE = ['SecurityIncident.ReadWrite.All'];
const ALERT_READ = ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'];
const ALERT_WRITE = ['SecurityAlert.ReadWrite.All'];

/** Graph's stated limits per API (docs/api-notes/graph.md); incidents have none published [U]. */
export const GRAPH_STATED_LIMITS: Record<string, { perWindow: number; perHour: number }> = {
	runHuntingQuery: { perWindow: 45, perHour: 2700 },
	incidents: { perWindow: 150, perHour: 9000 },
	updateIncident: { perWindow: 150, perHour: 9000 },
	commentIncident: { perWindow: 150, perHour: 9000 },
	alertsV2: { perWindow: 150, perHour: 9000 },
	updateAlertV2: { perWindow: 150, perHour: 9000 },
	commentAlertV2: { perWindow: 150, perHour: 9000 },
};

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

const context = (state: SimulatorState, set: string) =>
	`${state.url}/v1.0/$metadata#security/${set}`;

function list<T extends object>(
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

const withAlerts = (state: SimulatorState, url: URL, incident: GraphIncident) =>
	url.searchParams.get('$expand') === 'alerts'
		? {
				...incident,
				alerts: [...state.graph.alerts.values()].filter(
					(alert) => alert.incidentId === incident.id,
				),
			}
		: incident;

const ENUMS: Record<string, readonly string[]> = {
	status: ['active', 'inProgress', 'resolved', 'redirected', 'new'],
	classification: ['unknown', 'falsePositive', 'truePositive', 'informationalExpectedActivity'],
};

/** The PATCH body: only the properties the update pages list, string values checked where Graph's enums are known. */
function patchOf(
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

function commentText(call: Parameters<ApiRoute['handle']>[1]): string {
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

const graphRoute = (route: Omit<ApiRoute, 'audience'>): ApiRoute => ({
	...route,
	audience: 'graph',
});

export const GRAPH_ROUTES: ApiRoute[] = [
	graphRoute({
		method: 'POST',
		path: `${GRAPH}/runHuntingQuery`,
		api: 'runHuntingQuery',
		roles: ['ThreatHunting.Read.All'],
		handle: (state, { req, body }) => {
			const failure = state.graph.huntingFailures.shift();
			if (failure === 'quota') {
				// Graph's exact wording is undocumented [U]; the XDR page says the 429 names the quota and when it resets.
				throw new HttpProblem(
					429,
					'TooManyRequests',
					'You have exceeded your CPU quota. Quota will reset in 60 seconds.',
					{ 'Retry-After': '60' },
				);
			}
			if (failure === 'timeout')
				throw new HttpProblem(
					400,
					'BadRequest',
					'Query execution has exceeded the allowed limits: the query timed out after 3 minutes.',
				);
			const params = jsonBody(req, body);
			if (typeof params.Query !== 'string' || params.Query.trim() === '')
				throw new HttpProblem(400, 'BadRequest', "Parameter 'Query' is required");
			const answer = runKql(params.Query, params.Timespan, state.clock.now());
			return [
				200,
				{
					'@odata.context': `${state.url}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`,
					...answer,
				},
			];
		},
	}),
	graphRoute({
		method: 'GET',
		path: `${GRAPH}/incidents`,
		api: 'incidents',
		roles: INCIDENT_READ,
		handle: (state, { url }) => {
			const answer = list(state, url, 'incidents', [...state.graph.incidents.values()]);
			answer.value = (answer.value as GraphIncident[]).map((incident) =>
				withAlerts(state, url, incident),
			);
			return [200, answer];
		},
	}),
	graphRoute({
		method: 'GET',
		path: `${GRAPH}/incidents/{id}`,
		api: 'incidents',
		roles: INCIDENT_READ,
		handle: (state, { id, url }) => [
			200,
			{
				'@odata.context': `${context(state, 'incidents')}/$entity`,
				...withAlerts(state, url, state.graph.incident(id)),
			},
		],
	}),
	graphRoute({
		method: 'PATCH',
		path: `${GRAPH}/incidents/{id}`,
		api: 'updateIncident',
		roles: INCIDENT_WRITE,
		handle: (state, call) => {
			const incident = state.graph.incident(call.id);
			const changes = patchOf(call, [
				'assignedTo',
				'classification',
				'determination',
				'status',
				'customTags',
			]);
			return [
				200,
				{
					'@odata.context': `${context(state, 'incidents')}/$entity`,
					...state.graph.update(incident, changes),
				},
			];
		},
	}),
	graphRoute({
		method: 'POST',
		path: `${GRAPH}/incidents/{id}/comments`,
		api: 'commentIncident',
		roles: INCIDENT_WRITE,
		handle: (state, call) => [
			200,
			{ value: state.graph.comment(state.graph.incident(call.id), call.app, commentText(call)) },
		],
	}),
	graphRoute({
		method: 'GET',
		path: `${GRAPH}/alerts_v2`,
		api: 'alertsV2',
		roles: ALERT_READ,
		handle: (state, { url }) => [
			200,
			list<GraphAlert>(state, url, 'alerts_v2', [...state.graph.alerts.values()]),
		],
	}),
	graphRoute({
		method: 'GET',
		path: `${GRAPH}/alerts_v2/{id}`,
		api: 'alertsV2',
		roles: ALERT_READ,
		handle: (state, { id }) => [
			200,
			{ '@odata.context': `${context(state, 'alerts_v2')}/$entity`, ...state.graph.alert(id) },
		],
	}),
	graphRoute({
		method: 'PATCH',
		path: `${GRAPH}/alerts_v2/{id}`,
		api: 'updateAlertV2',
		roles: ALERT_WRITE,
		handle: (state, call) => {
			const alert = state.graph.alert(call.id);
			const changes = patchOf(call, ['assignedTo', 'classification', 'determination', 'status']);
			return [
				200,
				{
					'@odata.context': `${context(state, 'alerts_v2')}/$entity`,
					...state.graph.update(alert, changes),
				},
			];
		},
	}),
	graphRoute({
		method: 'POST',
		path: `${GRAPH}/alerts_v2/{id}/comments`,
		api: 'commentAlertV2',
		roles: ALERT_WRITE,
		handle: (state, call) => [
			200,
			{ value: state.graph.comment(state.graph.alert(call.id), call.app, commentText(call)) },
		],
	}),
];
