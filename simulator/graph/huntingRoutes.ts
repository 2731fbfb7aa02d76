import { HttpProblem } from '../core/httpProblem';
import { jsonBody } from '../core/requestBody';
import { runKql } from '../stores/graph/hunting';
import type { ApiRoute } from '../simulatorRoute';
import { GRAPH, graphRoute } from './graphRouteKit';

/** Advanced hunting: a KQL query over the seeded tables, or the quota and timeout failures a test queued. */
export const HUNTING_ROUTES: ApiRoute[] = [
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
];
