import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { READ_ROLES } from './roles';

export const PACKAGE_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/machineactions/{id}/getPackageUri',
		callParentheses: true,
		api: 'getPackageUri',
		roles: READ_ROLES,
		handle: (state, { id }) => {
			const action = state.actions.find(id);
			if (action.type !== 'CollectInvestigationPackage' || action.status !== 'Succeeded') {
				throw new HttpProblem(
					404,
					'ResourceNotFound',
					`Package for action ${action.id} is not available`,
				);
			}
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#Edm.String`,
					value: state.downloads.signedLink(action.id),
				},
			];
		},
	},
];
