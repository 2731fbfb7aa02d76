import type { GraphAlert } from '../stores/graph/graphStore';
import type { ApiRoute } from '../simulatorRoute';
import { GRAPH, commentText, context, graphRoute, list, patchOf } from './graphRouteKit';

const ALERT_READ = ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'];
const ALERT_WRITE = ['SecurityAlert.ReadWrite.All'];

/** Graph's alerts_v2: list, get, update and comment. */
export const ALERT_V2_ROUTES: ApiRoute[] = [
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
