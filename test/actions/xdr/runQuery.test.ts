import { DEFAULT_APP, SAMPLE_SHA256, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runXdrNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
};
afterEach(async () => await simulator.close());

const runQuery = (query: string, extra: Record<string, unknown> = {}) => ({
	resource: 'hunting',
	operation: 'runQuery',
	query,
	...extra,
});
const byHash = `DeviceProcessEvents | where SHA256 == "${SAMPLE_SHA256}" | project DeviceName, Timestamp, ProcessId, AdditionalFields`;
const sentBodies = () =>
	simulator.graphRequests().map((request) => JSON.parse(request.body) as unknown);

describe('Hunting → Run Query', () => {
	it('posts the KQL and timespan to runHuntingQuery and outputs one typed item per row', async () => {
		await start();

		const { items, error } = await runXdrNode({
			parameters: runQuery(byHash, { timespan: 'P7D' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests().map((request) => `${request.method} ${request.path}`)).toEqual(
			['POST /v1.0/security/runHuntingQuery'],
		);
		expect(sentBodies()).toEqual([{ Query: byHash, Timespan: 'P7D' }]);
		// Machine 6 ran the hash twice: one row per event, as Graph answers.
		expect(items.map((item) => item.json.DeviceName)).toEqual([
			'desktop-006.contoso.local',
			'desktop-007.contoso.local',
			'desktop-008.contoso.local',
			'desktop-006.contoso.local',
		]);
		expect(items[0].json).toEqual({
			DeviceName: 'desktop-006.contoso.local',
			Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
			ProcessId: 4012,
			AdditionalFields: { integrityLevel: 'High', signed: false },
		});
	});

	it('leaves the timespan to Graph (30 days) when it is empty', async () => {
		await start();

		const { items } = await runXdrNode({
			parameters: runQuery(byHash),
			credential: simulatorCredential(simulator),
		});

		expect(sentBodies()).toEqual([{ Query: byHash }]);
		expect(items).toHaveLength(5);
	});

	it('outputs one item with the schema and every row when asked', async () => {
		await start();

		const { items } = await runXdrNode({
			parameters: runQuery(`${byHash} | take 2`, {
				timespan: 'P7D',
				options: { allRowsInOneItem: true },
			}),
			credential: simulatorCredential(simulator),
		});

		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			rowCount: 2,
			schema: expect.arrayContaining([{ name: 'ProcessId', type: 'int64' }]),
		});
		expect((items[0].json.rows as unknown[]).length).toBe(2);
	});

	it("words bad KQL as what to fix, with Graph's own message", async () => {
		await start();

		const { error } = await runXdrNode({
			parameters: runQuery('DeviceProcesEvents | take 1'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			"Microsoft Graph could not run the query: Failed to resolve table or column expression named 'DeviceProcesEvents'",
		);
		expect(error?.description).toContain('Fix the KQL in Query');
	});

	it('words a used-up quota as what to change, after retrying within the wait allowed', async () => {
		await start();
		simulator.graph.huntingFailures.push('quota');

		const { error } = await runXdrNode({
			parameters: runQuery(byHash, { options: { maxTotalWaitSeconds: 1 } }),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			"Microsoft Graph refused the query: the tenant's hunting quota is used up: You have exceeded your CPU quota",
		);
		expect(error?.description).toContain('shorter Timespan');
		expect(simulator.graphRequests()).toHaveLength(1);
	});

	it('retries a 429 with Retry-After and then outputs the rows', async () => {
		await start();
		simulator.injectFault({
			path: /runHuntingQuery/,
			times: 1,
			status: 429,
			headers: { 'Retry-After': '0' },
			body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
		});

		const { items, error } = await runXdrNode({
			parameters: runQuery(byHash, { timespan: 'P7D' }),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests()).toHaveLength(2);
		expect(items).toHaveLength(4);
	});

	it('words a timed-out query as narrowing it', async () => {
		await start();
		simulator.graph.huntingFailures.push('timeout');

		const { error } = await runXdrNode({
			parameters: runQuery(byHash),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('The query took longer than Graph allows (3 minutes)');
		expect(error?.description).toContain('shorter Timespan');
	});

	it('names ThreatHunting.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['SecurityIncident.Read.All'] }] });

		const { error } = await runXdrNode({
			parameters: runQuery(byHash),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'The app registration is not allowed to run the hunting query',
		);
		expect(error?.description).toBe(
			'Grant the app the Microsoft Graph application permission ThreatHunting.Read.All, then grant admin consent.',
		);
	});

	it.each([
		['an empty query', runQuery('  '), 'Query is empty'],
		[
			'a timespan that is not ISO 8601',
			runQuery(byHash, { timespan: '7 days; drop' }),
			'Timespan must be an ISO 8601 duration',
		],
	])('refuses %s before sending anything', async (_label, parameters, problem) => {
		await start();

		const { error } = await runXdrNode({ parameters, credential: simulatorCredential(simulator) });

		expect(error?.message).toContain(problem);
		expect(simulator.graphRequests()).toHaveLength(0);
	});
});
