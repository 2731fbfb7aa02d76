import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runXdrNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	return simulator.graph.seedIncidents(3);
};
afterEach(async () => await simulator.close());

const run = (parameters: Record<string, unknown>) =>
	runXdrNode({
		parameters: { resource: 'incident', ...parameters },
		credential: simulatorCredential(simulator),
	});
const queries = () => simulator.graphRequests().map((request) => request.query);

describe('Incident → Get', () => {
	it('reads one incident, with its alerts when asked', async () => {
		const [incident] = await start();

		const { items, error } = await run({
			operation: 'get',
			incidentId: incident.id,
			options: { expandAlerts: true },
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests().map((request) => request.path)).toEqual([
			`/v1.0/security/incidents/${incident.id}`,
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: incident.id,
			status: 'active',
			alerts: [expect.objectContaining({ incidentId: incident.id })],
		});
		expect(items[0].json['@odata.context']).toBeUndefined();
	});

	it('says which incident Graph did not find (404)', async () => {
		await start();

		const { error } = await run({ operation: 'get', incidentId: '42' });

		expect(error?.message).toBe('Incident 42 was not found');
	});

	it('names SecurityIncident.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['ThreatHunting.Read.All'] }] });

		const { error } = await run({ operation: 'get', incidentId: '2972395' });

		expect(error?.description).toContain(
			'Microsoft Graph application permission SecurityIncident.Read.All or SecurityIncident.ReadWrite.All',
		);
	});
});

describe('Incident → Get Many', () => {
	it('sends every filter quoted and follows every page by nextLink, 50 at most per page', async () => {
		await start({ pageSize: 2 });
		simulator.graph.seedIncidents(3, { status: 'resolved' });

		const { items, error } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				status: ['active'],
				severity: ['low', 'medium', 'high', 'informational'],
				assignedTo: "o'brien@contoso.com",
			},
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		expect(queries()[0]).toEqual({
			$filter:
				"status eq 'active' and (severity eq 'low' or severity eq 'medium' or severity eq 'high' or severity eq 'informational') and assignedTo eq 'o''brien@contoso.com'",
			$top: '50',
		});
	});

	it('reads all pages of a list', async () => {
		await start({ pageSize: 2 });
		simulator.graph.seedIncidents(3);

		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { status: ['active'] },
		});

		expect(items).toHaveLength(6);
		expect(simulator.graphRequests()).toHaveLength(3);
	});

	it('filters by creation time', async () => {
		const seeded = await start();

		const { items, error } = await run({
			operation: 'getAll',
			limit: 10,
			filters: { createdAfter: seeded[0].createdDateTime },
		});

		expect(error).toBeUndefined();

		expect(items.map((item) => item.json.id)).toEqual([seeded[1].id, seeded[2].id]);
	});

	it.each([
		[
			'a status outside the list',
			{ status: ['active) or (1 eq 1'] },
			'Filter "Status" must be one of',
		],
		[
			'a date that is not one',
			{ updatedAfter: 'yesterday' },
			'Filter "Updated After" is not a date',
		],
	])('refuses %s before sending anything', async (_label, filters, problem) => {
		await start();

		const { error } = await run({ operation: 'getAll', filters });

		expect(error?.message).toContain(problem);
		expect(simulator.graphRequests()).toHaveLength(0);
	});

	it('refuses a next page link to another host', async () => {
		await start({ pageSize: 1, nextLinkOrigin: 'https://attacker.example' });

		const { error } = await run({ operation: 'getAll', returnAll: true });

		expect(error?.message).toBe(
			`Refusing to send credentials to an unexpected host: Microsoft Graph's next page link points to "https://attacker.example", not ${new URL(simulator.url).origin}`,
		);
	});
});
