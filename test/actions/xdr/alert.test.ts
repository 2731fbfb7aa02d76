import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runXdrNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

const run = (parameters: Record<string, unknown>) =>
	runXdrNode({
		parameters: { resource: 'alert', ...parameters },
		credential: simulatorCredential(simulator),
	});

describe('Alert (v2) → Get', () => {
	it('reads one alert by its ID', async () => {
		simulator = await startDefenderSimulator();
		const alert = simulator.graph.addAlert({ severity: 'high' });

		const { items, error } = await run({ operation: 'get', alertId: alert.id });

		expect(error).toBeUndefined();
		expect(simulator.graphRequests().map((request) => request.path)).toEqual([
			`/v1.0/security/alerts_v2/${alert.id}`,
		]);
		expect(items[0].json).toMatchObject({
			id: alert.id,
			severity: 'high',
			serviceSource: 'microsoftDefenderForEndpoint',
		});
	});

	it('says which alert Graph did not find (404)', async () => {
		simulator = await startDefenderSimulator();

		const { error } = await run({ operation: 'get', alertId: 'da000000000000000000_-1' });

		expect(error?.message).toBe('Alert da000000000000000000_-1 was not found');
	});
});

describe('Alert (v2) → Get Many', () => {
	it('filters by status and severity, up to the limit, with $top 1000 at most', async () => {
		simulator = await startDefenderSimulator();
		for (let index = 0; index < 4; index++) simulator.graph.addAlert({ severity: 'high' });
		simulator.graph.addAlert({ severity: 'low' });
		simulator.graph.addAlert({ severity: 'high', status: 'resolved' });

		const { items, error } = await run({
			operation: 'getAll',
			limit: 3,
			filters: { status: ['new'], severity: ['high'] },
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests()[0].query).toEqual({
			$filter: "status eq 'new' and severity eq 'high'",
			$top: '3',
		});
		expect(items).toHaveLength(3);
	});

	it('reads every page when Return All is on', async () => {
		simulator = await startDefenderSimulator({ pageSize: 2 });
		for (let index = 0; index < 5; index++) simulator.graph.addAlert();

		const { items } = await run({ operation: 'getAll', returnAll: true });

		expect(items).toHaveLength(5);
		expect(simulator.graphRequests()[0].query).toEqual({ $top: '1000' });
		expect(simulator.graphRequests()).toHaveLength(3);
	});

	it('refuses a Defender token: Graph needs its own credential', async () => {
		simulator = await startDefenderSimulator();
		const credential = { ...simulatorCredential(simulator) };

		// The Defender credential's token is refused on Graph's routes, as a token has one audience.
		const token = await fetch(simulator.tokenUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: String(credential.applicationId),
				client_secret: String(credential.applicationSecret),
				scope: 'https://api.securitycenter.microsoft.com/.default',
			}),
		}).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
		const answer = await fetch(`${simulator.url}/v1.0/security/alerts_v2`, {
			headers: { Authorization: `Bearer ${token}` },
		});

		expect(answer.status).toBe(401);
		expect(await answer.json()).toMatchObject({
			error: {
				code: 'InvalidAuthenticationToken',
				message: 'Access token validation failure. Invalid audience.',
			},
		});
	});
});
