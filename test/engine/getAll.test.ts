import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatedMachineAction } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../harness/engine';
import { requestLines } from '../harness/simulatorRuns';

let simulator: DefenderSimulator;

afterEach(async () => await simulator.close());

const start = async (pageSize?: number, nextLinkOrigin?: string) => {
	simulator = await startDefenderSimulator({ pageSize, nextLinkOrigin });
};

const ids = (actions: Array<{ id?: unknown }>) => actions.map((action) => action.id);

describe('Get', () => {
	it('returns the entity Defender holds, without @odata.context', async () => {
		await start();
		const [, action] = simulator.seed(3);

		const { items, error } = await runDefenderNode({
			parameters: { operation: 'get', machineActionId: ` ${action.id.toUpperCase()} ` },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${action.id.toUpperCase()}`]);
		expect(items.map((item) => item.json)).toEqual([{ ...simulator.actions.get(action.id) }]);
	});
});

describe('Get Many', () => {
	it('sends the filters as one OData $filter and outputs the matching actions', async () => {
		await start();
		simulator.seed(6, { type: 'RunAntiVirusScan' });
		const pending = simulator.seed(6, { type: 'Isolate' });
		simulator.seed(4, { type: 'Isolate', status: 'Succeeded' });
		const machineId = pending[4].machineId;
		const createdAfter = pending[0].creationDateTimeUtc;

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'getAll',
				returnAll: true,
				filters: { status: ['Pending', 'InProgress'], type: ['Isolate'], machineId, createdAfter },
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [request] = simulator.apiRequests();
		expect(request.query.$filter).toBe(
			`(status eq 'Pending' or status eq 'InProgress') and type eq 'Isolate' and machineId eq '${machineId}' and creationDateTimeUtc gt ${createdAfter}`,
		);
		const expected = [...simulator.actions.values()].filter(
			(action: SimulatedMachineAction) =>
				action.type === 'Isolate' &&
				action.status === 'Pending' &&
				action.machineId === machineId &&
				action.creationDateTimeUtc > createdAfter,
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(items.map((item) => item.json))).toEqual(ids(expected));
	});

	it('quotes filter values for OData, so a quote cannot change the query', async () => {
		await start();
		const [match] = simulator.seed(1, { requestor: "o'brien@contoso.com" });
		simulator.seed(2);

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'getAll',
				returnAll: true,
				filters: { requestor: "o'brien@contoso.com" },
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].query.$filter).toBe("requestor eq 'o''brien@contoso.com'");
		expect(ids(items.map((item) => item.json))).toEqual([match.id]);
	});

	it('follows @odata.nextLink until every page is read when Return All is on', async () => {
		await start(4);
		const actions = simulator.seed(10);

		const { items, error } = await runDefenderNode({
			parameters: { operation: 'getAll', returnAll: true },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => request.query.$skip)).toEqual([
			undefined,
			'4',
			'8',
		]);
		expect(ids(items.map((item) => item.json))).toEqual(ids(actions));
		expect(items.every((item) => !('@odata.context' in item.json))).toBe(true);
	});

	it('stops at Limit, across pages, and asks only for what it needs', async () => {
		await start(3);
		const actions = simulator.seed(10);

		const { items } = await runDefenderNode({
			parameters: { operation: 'getAll', returnAll: false, limit: 7 },
			credential: simulatorCredential(simulator),
		});

		expect(ids(items.map((item) => item.json))).toEqual(ids(actions.slice(0, 7)));
		expect(simulator.apiRequests()).toHaveLength(3);
		expect(simulator.apiRequests()[0].query.$top).toBe('7');
	});

	it('refuses to follow a next page link to another host, so the token stays home', async () => {
		await start(2, 'http://127.0.0.2:9');
		simulator.seed(5);

		const { error } = await runDefenderNode({
			parameters: { operation: 'getAll', returnAll: true },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('Refusing to send credentials to an unexpected host');
		expect(error?.message).toContain('http://127.0.0.2:9');
		expect(simulator.apiRequests()).toHaveLength(1);
	});

	it('rejects a date filter that is not a date, before sending', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: {
				operation: 'getAll',
				returnAll: true,
				filters: { createdAfter: '={{ "last tuesday" }}' },
			},
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('Filter "Created After" is not a date');
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('pairs every listed action with the input item that asked for it', async () => {
		await start();
		simulator.seed(2, { machineId: 'a'.repeat(40) });
		simulator.seed(1, { machineId: 'b'.repeat(40) });

		const { items } = await runDefenderNode({
			parameters: {
				operation: 'getAll',
				returnAll: true,
				filters: { machineId: '={{ $json.machine }}' },
			},
			items: [{ machine: 'a'.repeat(40) }, { machine: 'b'.repeat(40) }],
			credential: simulatorCredential(simulator),
		});

		expect(items.map((item) => [item.json.machineId, item.pairedItem])).toEqual([
			['a'.repeat(40), { item: 0 }],
			['a'.repeat(40), { item: 0 }],
			['b'.repeat(40), { item: 1 }],
		]);
	});
});
