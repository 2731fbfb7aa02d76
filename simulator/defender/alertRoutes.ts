import type { ApiRoute } from '../simulatorRoute';
import { requestorOf } from '../core/auth/tokenAuthority';
import {
	ALERT_DATE_FIELDS,
	ALERT_FILTER_FIELDS,
	ALERT_ID,
	expandsEvidence,
	sortAlerts,
} from '../stores/alerts';
import type { SimulatedAlert } from '../stores/alerts';
import { parseAlertUpdate } from './alertUpdate';
import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import type { FilterOptions } from '../core/odata/odataFilter';
import { jsonBody } from '../core/requestBody';
import type { SimulatorState } from '../stores/state';

const ALERT_READ_ROLES = ['Alert.Read.All', 'Alert.ReadWrite.All'];
const ALERT_WRITE_ROLES = ['Alert.ReadWrite.All'];
/** Emails are matched without regard to case, as Defender does for assignedTo. */
const ALERT_FILTER_OPTIONS: FilterOptions = { caseInsensitiveFields: ['assignedTo'] };

const alertsContext = (state: SimulatorState) => `${state.url}/api/$metadata#Alerts`;

export const ALERT_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/alerts',
		api: 'alerts',
		roles: ALERT_READ_ROLES,
		handle: (state, { url }) => {
			const expand = expandsEvidence(url.searchParams);
			const matching = filtered(
				[...state.alerts.alerts.values()],
				url,
				ALERT_FILTER_FIELDS,
				ALERT_DATE_FIELDS,
				ALERT_FILTER_OPTIONS,
			);
			const sorted = sortAlerts(matching, url.searchParams.get('$orderby'));
			const answer = page(sorted, url, alertsContext(state), state.paging());
			answer.value = (answer.value as SimulatedAlert[]).map((alert) =>
				state.alerts.show(alert, expand),
			);
			return [200, answer];
		},
	},
	// Before the PATCH on the same path: any other method counts on `alerts` and is then refused with 405.
	{
		method: 'GET',
		path: '/api/alerts/{id}',
		api: 'alerts',
		roles: ALERT_READ_ROLES,
		handle: (state, { id, url }) => {
			const alert = state.alerts.find(id);
			return [
				200,
				{
					'@odata.context': `${alertsContext(state)}/$entity`,
					...state.alerts.show(alert, expandsEvidence(url.searchParams)),
				},
			];
		},
	},
	{
		method: 'PATCH',
		path: '/api/alerts/{id}',
		api: 'updateAlert',
		roles: ALERT_WRITE_ROLES,
		handle: (state, { app, req, id, body, url }) => {
			if (!ALERT_ID.test(id))
				throw new HttpProblem(400, 'InvalidInput', `Alert id '${id}' is not a valid id`);
			const update = parseAlertUpdate(jsonBody(req, body));
			const expand = expandsEvidence(url.searchParams);
			const alert = state.alerts.find(id);
			const { comment, ...fields } = update;
			const changes: Partial<SimulatedAlert> = { ...fields };
			if (comment !== undefined) {
				changes.comments = [
					...alert.comments,
					{ comment, createdBy: requestorOf(app), createdTime: state.clock.iso() },
				];
			}
			state.alerts.applyChanges(alert, changes);
			return [
				200,
				{
					'@odata.context': `${alertsContext(state)}/$entity`,
					...state.alerts.show(alert, expand),
				},
			];
		},
	},
];
