import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import type { FilterOptions } from '../core/odata/odataFilter';
import { loggedOnUsersOf } from '../stores/machines';
import { READ_ROLES } from './roles';

const MACHINE_FILTER_FIELDS = [
	'computerDnsName',
	'id',
	'lastSeen',
	'lastIpAddress',
	'healthStatus',
	'osPlatform',
	'riskScore',
	'exposureLevel',
	'onboardingStatus',
	'rbacGroupId',
	'aadDeviceId',
	'deviceValue',
	'version',
	'machineTags',
];
const MACHINE_FILTER_OPTIONS: FilterOptions = {
	caseInsensitiveFields: ['computerDnsName'],
	arrayFields: ['machineTags'],
};

export const MACHINE_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/machines',
		api: 'machines',
		roles: READ_ROLES,
		handle: (state, { url }) => {
			const machines = filtered(
				[...state.machines.machines.values()],
				url,
				MACHINE_FILTER_FIELDS,
				['lastSeen'],
				MACHINE_FILTER_OPTIONS,
			);
			if (machines.length === 0)
				throw new HttpProblem(404, 'ResourceNotFound', 'No recent machines found');
			return [200, page(machines, url, `${state.url}/api/$metadata#Machines`, state.paging())];
		},
	},
	{
		method: 'GET',
		path: '/api/machines/{id}',
		api: 'machines',
		roles: READ_ROLES,
		handle: (state, { id }) => [
			200,
			{
				'@odata.context': `${state.url}/api/$metadata#Machines/$entity`,
				...state.machines.find(id, true),
			},
		],
	},
	{
		method: 'GET',
		path: '/api/machines/{id}/logonusers',
		api: 'getLoggedOnUsers',
		roles: ['User.Read.All'],
		handle: (state, { id }) => [
			200,
			{
				'@odata.context': `${state.url}/api/$metadata#Users`,
				value: loggedOnUsersOf(state.machines.find(id, false)),
			},
		],
	},
];
