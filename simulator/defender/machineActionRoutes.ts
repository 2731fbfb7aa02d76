import type { ApiRoute } from '../simulatorRoute';
import { requestorOf, requireRole } from '../core/auth/tokenAuthority';
import { HttpProblem } from '../core/httpProblem';
import { FINAL_STATUSES } from '../stores/machineActions';
import type { SimulatedMachineAction } from '../stores/machineActions';
import { READ_ROLES } from './roles';
import { filtered, orderByTimes, page } from '../core/odata/odata';
import type { SimulatorState } from '../stores/state';
import { jsonBody, requireComment } from '../core/requestBody';

const ACTION_FILTER_FIELDS = [
	'id',
	'status',
	'machineId',
	'type',
	'requestor',
	'creationDateTimeUtc',
];
const ACTION_ORDERBY_FIELDS = ['creationDateTimeUtc', 'lastUpdateDateTimeUtc'] as const;
/** The role a cancel needs is the one that launches that type of action. */
const CANCEL_ROLE_BY_TYPE: Record<string, string> = {
	Isolate: 'Machine.Isolate',
	Unisolate: 'Machine.Isolate',
	RunAntiVirusScan: 'Machine.Scan',
	CollectInvestigationPackage: 'Machine.CollectForensics',
	RequestSample: 'Machine.CollectForensics',
	RestrictCodeExecution: 'Machine.RestrictExecution',
	UnrestrictCodeExecution: 'Machine.RestrictExecution',
	StopAndQuarantineFile: 'Machine.StopAndQuarantine',
	Offboard: 'Machine.Offboard',
	LiveResponse: 'Machine.LiveResponse',
};
/** For an action type the table does not know. */
const CANCEL_FALLBACK_ROLE = 'Machine.ReadWrite.All';

export const actionsContext = (state: SimulatorState) =>
	`${state.url}/api/$metadata#MachineActions`;

export const MACHINE_ACTION_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/machineactions/{id}/cancel',
		api: 'cancel',
		roles: [...new Set(Object.values(CANCEL_ROLE_BY_TYPE))],
		rolesCheckedByHandler: true,
		handle: (state, { app, req, id, body }) => {
			const comment = requireComment(jsonBody(req, body));
			const action = state.actions.find(id);
			requireRole(app, [CANCEL_ROLE_BY_TYPE[action.type] ?? CANCEL_FALLBACK_ROLE]);
			if (FINAL_STATUSES.includes(action.status)) {
				throw new HttpProblem(
					400,
					'BadRequest',
					`Machine action ${action.id} cannot be cancelled because it is in final state ${action.status}`,
				);
			}
			state.actions.cancel(action, requestorOf(app), comment);
			return [
				200,
				{
					'@odata.context': `${actionsContext(state)}/$entity`,
					...state.actions.view(action, false),
				},
			];
		},
	},
	{
		method: 'GET',
		path: '/api/machineactions/{id}',
		api: 'getAction',
		roles: READ_ROLES,
		handle: (state, { id }) => {
			const action = state.actions.find(id);
			if (state.actions.isTooFreshToGet(action))
				throw new HttpProblem(
					404,
					'ResourceNotFound',
					`Machine action with id ${id} was not found`,
				);
			return [
				200,
				{ '@odata.context': `${actionsContext(state)}/$entity`, ...state.actions.view(action) },
			];
		},
	},
	{
		method: 'GET',
		path: '/api/machineactions',
		api: 'listActions',
		roles: READ_ROLES,
		handle: (state, { url }) => {
			// Lists show an unsettled cancel like Get does, and each listed action counts as one read.
			const shown = [...state.actions.actions.values()].map((action) =>
				state.actions.view(action, false),
			);
			const matching = filtered(shown, url, ACTION_FILTER_FIELDS, ['creationDateTimeUtc']);
			const ordered = orderByTimes(
				matching,
				url.searchParams.get('$orderby'),
				ACTION_ORDERBY_FIELDS,
			);
			const answer = page(ordered, url, actionsContext(state), state.paging());
			answer.value = (answer.value as SimulatedMachineAction[]).map((action) =>
				state.actions.view(state.actions.actions.get(action.id) ?? action),
			);
			return [200, answer];
		},
	},
];
