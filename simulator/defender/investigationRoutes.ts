import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import { jsonBody, requireComment } from '../core/requestBody';
import { MACHINE_ID } from '../stores/machines';
import type { SimulatorState } from '../stores/state';

const ALERT_ROLES = ['Alert.Read.All', 'Alert.ReadWrite.All'];
const context = (state: SimulatorState) => `${state.url}/api/$metadata#Investigations`;

export const INVESTIGATION_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/machines/{id}/startInvestigation',
		api: 'startInvestigation',
		roles: ['Alert.ReadWrite.All'],
		handle: (state, { req, id, body }) => {
			if (!MACHINE_ID.test(id))
				throw new HttpProblem(400, 'InvalidInput', `Machine id '${id}' is not a valid machine id`);
			requireComment(jsonBody(req, body));
			const machine = state.machines.find(id, false);
			// Automated investigation runs on Windows 10 and 11 and Windows Server 2019 and later only.
			if (!machine.osPlatform.startsWith('Windows'))
				throw new HttpProblem(
					400,
					'OsPlatformNotSupported',
					`Automated investigation does not support ${machine.osPlatform}`,
				);
			return [
				201,
				{ '@odata.context': `${context(state)}/$entity`, ...state.investigations.start(machine) },
			];
		},
	},
	{
		method: 'GET',
		path: '/api/investigations',
		api: 'investigations',
		roles: ALERT_ROLES,
		handle: (state, { url }) => {
			state.investigations.advance();
			const all = [...state.investigations.investigations.values()];
			const kept = filtered(
				all,
				url,
				['startTime', 'id', 'state', 'machineId', 'triggeringAlertId'],
				['startTime'],
			);
			return [200, page(kept, url, context(state), state.paging())];
		},
	},
	{
		method: 'GET',
		path: '/api/investigations/{id}',
		api: 'investigations',
		roles: ALERT_ROLES,
		handle: (state, { id }) => {
			state.investigations.advance();
			const investigation = state.investigations.investigations.get(id);
			if (!investigation)
				throw new HttpProblem(404, 'ResourceNotFound', `Investigation ${id} was not found`);
			return [200, { '@odata.context': `${context(state)}/$entity`, ...investigation }];
		},
	},
];
