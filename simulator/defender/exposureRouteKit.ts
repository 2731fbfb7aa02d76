import { HttpProblem } from '../core/httpProblem';
import { findCve, findRecommendation, findSoftware } from '../stores/exposure/exposureEntities';
import type { SimulatorState } from '../stores/state';
import type { ApiRoute } from '../simulatorRoute';

export const VULNERABILITY = ['Vulnerability.Read.All'];
export const SOFTWARE = ['Software.Read.All'];
export const RECOMMENDATION = ['SecurityRecommendation.Read.All'];
/** The Vulnerabilities list takes at most 8,000 a page. */
export const VULNERABILITIES_MAX_TOP = 8_000;

export const machinesOf = (state: SimulatorState) => [...state.machines.machines.values()];
export const collection = (state: SimulatorState, name: string, value: unknown[]) => ({
	'@odata.context': `${state.url}/api/$metadata#${name}`,
	value,
});
export const entity = (state: SimulatorState, name: string, value: object) => ({
	'@odata.context': `${state.url}/api/$metadata#${name}/$entity`,
	...value,
});
export const notFound = (what: string): never => {
	throw new HttpProblem(404, 'ResourceNotFound', `${what} was not found`);
};
export const cveOr404 = (id: string) => findCve(id) ?? notFound(`Vulnerability ${id}`);
export const softwareOr404 = (id: string) => findSoftware(id) ?? notFound(`Software ${id}`);
export const recommendationOr404 = (id: string) =>
	findRecommendation(id) ?? notFound(`Recommendation ${id}`);

/** A GET route of vulnerability management, answering 200 with what `answer` builds. */
export const get = (
	path: string,
	api: string,
	roles: string[],
	answer: (state: SimulatorState, id: string, url: URL) => object,
): ApiRoute => ({
	method: 'GET',
	path,
	api,
	roles,
	handle: (state, { id, url }) => [200, answer(state, id, url)],
});
