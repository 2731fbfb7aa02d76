import type { GraphIncident } from '../stores/graph/graphStore';
import type { SimulatorState } from '../stores/state';
import type { ApiRoute } from '../simulatorRoute';
import { GRAPH, commentText, context, graphRoute, list, patchOf } from './graphRouteKit';

const INCIDENT_READ = ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'];
const INCIDENT_WRITE = ['SecurityIncident.ReadWrite.All'];

const withAlerts = (state: SimulatorState, url: URL, incident: GraphIncident) =>
	url.searchParams.get('$expand') === 'alerts'
		? {
				...incident,
				alerts: [...state.graph.alerts.values()].filter(
					(alert) => alert.incidentId === incident.id,
				),
			}
		: incident;

/** Graph's security incidents: list, get (with `$expand=alerts`), update and comment. */
export const INCIDENT_ROUTES: ApiRoute[] = [
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
];
