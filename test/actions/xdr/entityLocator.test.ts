import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runXdrNode, searchXdrList, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.graph.seedIncidents(3);
});
afterEach(async () => await simulator.close());

const incident = (index: number) => [...simulator.graph.incidents.values()][index];
const alert = (index: number) => [...simulator.graph.alerts.values()][index];
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const run = async (parameters: INodeParameters) =>
	await runXdrNode({ parameters, credential: simulatorCredential(simulator) });
const paths = () => simulator.graphRequests().map((request) => `${request.method} ${request.path}`);

type Given = (id: string, webUrl: string) => NodeParameterValueType;
const ways: Array<[string, Given]> = [
	['a plain string, as workflows saved before the picker hold it', (id) => id],
	['an expression in a plain string', (id) => `={{ "${id}" }}`],
	['picked from the list', (id) => rl('list', id)],
	['an expression By ID, as the examples save it', (id) => rl('id', `={{ "${id}" }}`)],
	['given By ID, with spaces around it', (id) => rl('id', ` ${id} `)],
	['given By URL (the portal page Graph links to)', (_id, webUrl) => rl('url', webUrl)],
];

describe('Incident and Alert (v2) as resource locators', () => {
	it.each(ways)('Incident → Get reads the incident %s', async (_label, given) => {
		const { id, incidentWebUrl } = incident(1);

		const { items, error } = await run({
			resource: 'incident',
			operation: 'get',
			incidentId: given(id, incidentWebUrl),
		});

		expect(error).toBeUndefined();
		expect(paths()).toEqual([`GET /v1.0/security/incidents/${id}`]);
		expect(items[0].json.id).toBe(id);
	});

	it.each(ways)('Alert → Add Comment comments on the alert %s', async (_label, given) => {
		const { id, alertWebUrl } = alert(2);

		const { error } = await run({
			resource: 'alert',
			operation: 'addComment',
			alertId: given(id, alertWebUrl),
			comment: 'triaged',
		});

		expect(error).toBeUndefined();
		expect(paths()).toContain(`POST /v1.0/security/alerts_v2/${id}/comments`);
	});

	it.each([
		['incident', 'incidentId', 'https://security.microsoft.com/incident2/99/overview?tid=t', '99'],
		['incident', 'incidentId', 'https://security.microsoft.us/incidents/17?tid=t', '17'],
		[
			'alert',
			'alertId',
			'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=t',
			'da637551227677560813_-961444813',
		],
	])('takes the id from the portal URL of an %s (%s)', async (resource, field, url, id) => {
		const { error } = await run({ resource, operation: 'get', [field]: rl('url', url) });

		expect(error === undefined || /was not found$/.test(error.message)).toBe(true);
		expect(paths()).toEqual([
			`GET /v1.0/security/${resource === 'incident' ? 'incidents' : 'alerts_v2'}/${id}`,
		]);
	});

	it.each([
		[
			'incident',
			'incidentId',
			'={{ "../alerts_v2" }}',
			'Incident ID must be a Microsoft Graph incident ID',
		],
		['incident', 'incidentId', rl('list', '={{ "" }}'), 'Incident ID is empty'],
		['alert', 'alertId', rl('list', 'a?b=c'), 'Alert ID must be a Microsoft Graph alert ID'],
	])(
		'refuses an %s ID that is not one (%j), before sending',
		async (resource, field, value, problem) => {
			const { error } = await run({ resource, operation: 'get', [field]: value });

			expect(error?.message).toContain(problem);
			expect(paths()).toEqual([]);
		},
	);

	it.each([
		['searchIncidents', 'incidentId'],
		['searchAlerts', 'alertId'],
	] as const)(
		'%s lists the latest, newest first, with their portal links',
		async (method, parameter) => {
			const { results } = await searchXdrList({
				method,
				parameter,
				parameters: {
					resource: parameter === 'incidentId' ? 'incident' : 'alert',
					operation: 'get',
				},
				credential: simulatorCredential(simulator),
			});

			const source = parameter === 'incidentId' ? [0, 1, 2].map(incident) : [0, 1, 2].map(alert);
			expect(results.map((result) => result.value)).toEqual(
				source.map((entry) => entry.id).reverse(),
			);
			expect(results[0].url).toMatch(/^https:\/\/security\.microsoft\.com\/(incidents|alerts)\//);
			expect(results[0].name).toMatch(/ · (low|medium|high) · (active|new) · just now$/);
		},
	);

	it('narrows the incident list by the search text (title or id)', async () => {
		const { results } = await searchXdrList({
			method: 'searchIncidents',
			parameter: 'incidentId',
			parameters: { resource: 'incident', operation: 'get' },
			credential: simulatorCredential(simulator),
			filter: incident(0).id,
		});

		expect(results.map((result) => result.value)).toEqual([incident(0).id]);
		expect(results[0].name.startsWith(`${incident(0).id} · `)).toBe(true);
	});
});
