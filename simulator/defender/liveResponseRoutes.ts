import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { launch } from './launchRoutes';
import type { LaunchKind } from './launchRoutes';
import { parseCommands } from '../stores/liveResponseStore';
import type { SimulatedCommand } from '../stores/liveResponseStore';
import { READ_ROLES } from './roles';

const LIVE_RESPONSE_KIND: LaunchKind = {
	path: 'runliveresponse',
	type: 'LiveResponse',
	api: 'runLiveResponse',
	role: 'Machine.LiveResponse',
	details: (params) => {
		parseCommands(params);
		return { scope: null, relatedFileInfo: null };
	},
	started: (state, action, params) => state.liveResponse.start(state, action, params),
};

export const LIVE_RESPONSE_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/machines/{id}/runliveresponse',
		api: 'runLiveResponse',
		roles: ['Machine.LiveResponse'],
		handle: (state, call) => launch(state, LIVE_RESPONSE_KIND, call),
	},
	{
		method: 'GET',
		path: '/api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={index})',
		api: 'getLiveResponseResult',
		roles: [...READ_ROLES, 'Machine.LiveResponse'],
		handle: (state, { id, url }) => {
			const action = state.actions.find(id);
			const index = Number(/\(index=(\d+)\)\/?$/i.exec(url.pathname)?.[1] ?? NaN);
			if (action.type !== 'LiveResponse')
				throw new HttpProblem(
					400,
					'InvalidInput',
					`Machine action ${action.id} is not a live response action`,
				);
			const command = (action.commands as SimulatedCommand[]).find(
				(candidate) => candidate.index === index,
			);
			if (!command)
				throw new HttpProblem(
					400,
					'InvalidInput',
					`Live response action ${action.id} has no command with index ${String(index)}`,
				);
			const result = state.liveResponse.results.get(`${action.id}/${index}`);
			// Undocumented: the answer before a command completes; a 404 like the package link's is the likely shape.
			if (!result)
				throw new HttpProblem(
					404,
					'ResourceNotFound',
					`Result of command ${index} of action ${action.id} is not available`,
				);
			const link = state.downloads.signedResultLink(
				`${action.id}-${index}`,
				result,
				state.liveResponse.resultLinkLifetimeMs,
			);
			return [200, { '@odata.context': `${state.url}/api/$metadata#Edm.String`, value: link }];
		},
	},
];
