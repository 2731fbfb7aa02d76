import { startDefenderSimulator, DEFAULT_APP } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { runDefenderNode, searchList, simulatorCredential } from '../harness/engine';
import { requestLines } from '../harness/simulatorRuns';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
});
afterEach(async () => await simulator.close());

const cancelParameters = (
	machineActionId: string,
	comment = 'False positive, releasing the device',
) => ({
	operation: 'cancel',
	machineActionId,
	comment,
});

describe('Cancel', () => {
	it('posts the comment to /cancel and outputs the entity Defender returned, without @odata.context', async () => {
		const [action] = simulator.seed(1);
		const comment = 'Alert closed as benign by the SOC';

		const { items, error } = await runDefenderNode({
			parameters: cancelParameters(action.id, comment),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [request] = simulator.apiRequests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/machineactions/${action.id}/cancel`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBe(`Bearer ${simulator.issuedAccessTokens[0]}`);
		expect(JSON.parse(request.body)).toEqual({ Comment: comment });
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...simulator.actions.get(action.id) });
		expect(items[0].json).not.toHaveProperty(['@odata.context']);
		expect(items[0].json.status).toBe('Cancelled');
		expect(items[0].json.cancellationComment).toBe(comment);
	});

	it('cancels one action per input item, resolving expressions per item and pairing outputs to inputs', async () => {
		const actions = simulator.seed(3);
		const inputs = actions.map((action, index) => ({
			actionId: `  ${action.id}  `,
			reason: `ticket INC-${index}`,
		}));

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'cancel',
				machineActionId: '={{ $json.actionId }}',
				comment: '={{ $json.reason }}',
			},
			items: inputs,
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const received = simulator
			.apiRequests()
			.map((request) => ({ path: request.path, body: JSON.parse(request.body) }));
		expect(received).toEqual(
			expect.arrayContaining(
				inputs.map((input) => ({
					path: `/api/machineactions/${input.actionId.trim()}/cancel`,
					body: { Comment: input.reason },
				})),
			),
		);
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual(
			actions.map((action, index) => [action.id, { item: index }]),
		);
		expect(items.map((item) => item.json.cancellationComment)).toEqual(
			inputs.map((input) => input.reason),
		);
	});

	const guid = '988cc94e-7a8f-4b28-ab65-54970c5d5018';
	it.each([
		['an empty string', ''],
		['only spaces', '   '],
		['a path traversal', '../machines'],
		['a GUID followed by a path', `${guid}/../../machines/abc`],
		['a GUID followed by a query string', `${guid}?$top=1`],
		['a GUID with an encoded slash', `${guid}%2F..%2Fmachines`],
		['a GUID with a fragment', `${guid}#x`],
		['a header injection', `${guid}\r\nX-Injected: 1`],
		['a GUID with a character too many', `${guid}0`],
		['a GUID with non-hex characters', 'zzzzzzzz-7a8f-4b28-ab65-54970c5d5018'],
		['an absolute URL', 'https://attacker.example/api/machineactions'],
		['the word null', 'null'],
	])('refuses %s as Device Action ID and sends nothing', async (_label, machineActionId) => {
		const { items } = await runDefenderNode({
			parameters: cancelParameters('={{ $json.id }}'),
			items: [{ id: machineActionId }],
			credential: simulatorCredential(simulator),
			continueOnFail: true,
		});

		expect(simulator.requests).toHaveLength(0);
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/Device Action ID/);
	});

	it.each([
		['an empty', ''],
		['a blank', '  \t '],
		['a missing', undefined],
	])('refuses %s comment and sends nothing', async (_label, comment) => {
		const [action] = simulator.seed(1);

		const { error } = await runDefenderNode({
			parameters: cancelParameters(action.id, '={{ $json.reason }}'),
			items: [{ reason: comment }],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toMatch(/Comment is empty/);
		expect(simulator.apiRequests()).toHaveLength(0);
		expect(simulator.actions.get(action.id)?.status).toBe('Pending');
	});

	it("says once that the id was not found (404), with Defender's code in the details, not n8n's host text", async () => {
		const unknownId = '00000000-1111-4222-8333-444444444444';

		const { error } = await runDefenderNode({
			parameters: cancelParameters(unknownId),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`Device action ${unknownId} was not found`);
		expect((error as { messages?: string[] }).messages).toEqual([
			expect.stringContaining('Defender answered HTTP 404 ResourceNotFound'),
		]);
		expect((error as { httpCode?: string }).httpCode).toBe('404 ResourceNotFound');
		expect(simulator.apiRequests()).toHaveLength(1);
	});

	it.each(['Succeeded', 'Failed', 'TimeOut', 'Cancelled'])(
		'says an action already %s can no longer be cancelled, after looking it up',
		async (status) => {
			const [action] = simulator.seed(1, { status });

			const { error } = await runDefenderNode({
				parameters: cancelParameters(action.id),
				credential: simulatorCredential(simulator),
			});

			expect(error?.message).toBe(
				`Device action ${action.id} is already ${status} and can no longer be cancelled`,
			);
			expect((error as { messages?: string[] }).messages?.join(' ')).toContain(
				'cannot be cancelled because it is in final state',
			);
			expect(
				simulator.apiRequests().map((request) => `${request.method} ${request.status}`),
			).toEqual(['POST 400', 'GET 200']);
		},
	);

	it('names the permission the app lacks (403)', async () => {
		await simulator.close();
		simulator = await startDefenderSimulator({
			apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }],
		});
		const [action] = simulator.seed(1, { type: 'RunAntiVirusScan' });

		const { error } = await runDefenderNode({
			parameters: cancelParameters(action.id),
			credential: simulatorCredential(simulator),
		});

		expect((error as { httpCode?: string }).httpCode).toBe('403 Forbidden');
		expect(error?.message).toContain('not allowed to cancel');
		expect(error?.message).toContain('Machine.Scan');
		expect(error?.description).toContain('Machine.Scan');
		expect(simulator.actions.get(action.id)?.status).toBe('Pending');
	});

	it('with "continue on fail", turns each failing item into an error item and goes on with the rest', async () => {
		const [first, second] = simulator.seed(2);
		const missing = '00000000-1111-4222-8333-444444444444';

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'cancel',
				machineActionId: '={{ $json.id }}',
				comment: 'bulk cancel',
			},
			items: [{ id: first.id }, { id: missing }, { id: 'not-a-guid' }, { id: second.id }],
			credential: simulatorCredential(simulator),
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[0].json.status).toBe('Cancelled');
		expect(String(items[1].json.error)).toContain(`Device action ${missing} was not found`);
		expect(String(items[2].json.error)).toContain('Device Action ID must be a GUID');
		expect(items[3].json.status).toBe('Cancelled');
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(simulator.actions.get(first.id)?.status).toBe('Cancelled');
		expect(simulator.actions.get(second.id)?.status).toBe('Cancelled');
	});

	it('without "continue on fail", fails the execution with the failing item named', async () => {
		const [action] = simulator.seed(1);

		const { error } = await runDefenderNode({
			parameters: {
				operation: 'cancel',
				machineActionId: '={{ $json.id }}',
				comment: 'bulk cancel',
			},
			items: [{ id: action.id }, { id: '00000000-1111-4222-8333-444444444444' }],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('was not found');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});
});

describe('Device Action parameter', () => {
	const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });

	it.each([
		['picked from the list', (id: string) => rl('list', id)],
		['given by ID', (id: string) => rl('id', ` ${id} `)],
		['a plain string, as workflows saved before the resource locator hold it', (id: string) => id],
		['a plain expression, as saved before the resource locator', () => '={{ $json.actionId }}'],
		['an expression in the By ID mode', () => rl('id', '={{ $json.actionId }}')],
	])('cancels the action when it is %s', async (_how, machineActionId) => {
		const [action] = simulator.seed(1);

		const { items, error } = await runDefenderNode({
			parameters: {
				operation: 'cancel',
				machineActionId: machineActionId(action.id),
				comment: 'Picked by the analyst',
			},
			items: [{ actionId: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`POST /api/machineactions/${action.id}/cancel`]);
		expect(items[0].json.status).toBe('Cancelled');
	});

	it('is refused by n8n before anything is sent when nothing was picked from the list', async () => {
		const run = runDefenderNode({
			parameters: {
				operation: 'cancel',
				machineActionId: rl('list', ''),
				comment: 'Picked by the analyst',
			},
			credential: simulatorCredential(simulator),
		});

		await expect(run).rejects.toThrow('Parameter "Device Action" is required');
		expect(simulator.apiRequests()).toEqual([]);
	});
});

describe('Device Action picker', () => {
	it('for Cancel, lists the cancellable actions first, then the finished ones, newest first, labelled with type, device, status, age and whether it can be cancelled', async () => {
		const [oldPending] = simulator.seed(1, { type: 'Isolate' });
		const [done] = simulator.seed(1, { type: 'RunAntiVirusScan', status: 'Succeeded' });
		const [newerPending] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'InProgress',
		});
		const now = Date.parse(newerPending.creationDateTimeUtc) + 5 * 60_000;
		jest.spyOn(Date, 'now').mockReturnValue(now);

		const result = await searchList({
			method: 'searchMachineActions',
			parameter: 'machineActionId',
			parameters: cancelParameters(''),
			credential: simulatorCredential(simulator),
		});

		expect(result.results.map((entry) => entry.value)).toEqual([
			newerPending.id,
			oldPending.id,
			done.id,
		]);
		expect(result.results[0].name).toBe(
			`CollectInvestigationPackage · ${newerPending.computerDnsName} · InProgress · 5 min ago · can be cancelled`,
		);
		expect(result.results[2].name).toBe(
			`RunAntiVirusScan · ${done.computerDnsName} · Succeeded · 6 min ago · finished`,
		);
		expect(simulator.apiRequests().map((request) => request.query)).toEqual([
			{
				$filter: "status in ('Pending','InProgress')",
				$orderby: 'creationDateTimeUtc desc',
				$top: '100',
			},
			{
				$filter: "status ne 'Pending' and status ne 'InProgress'",
				$orderby: 'creationDateTimeUtc desc',
				$top: '100',
			},
		]);
		expect(simulator.apiRequests()[0].headers.authorization).toMatch(/^Bearer sim-/);
	});

	it('for Get, lists the actions newest first whatever their status, without the cancel marks', async () => {
		const [oldPending] = simulator.seed(1, { type: 'Isolate' });
		const [done] = simulator.seed(1, { type: 'RunAntiVirusScan', status: 'Succeeded' });
		const [newerPending] = simulator.seed(1, {
			type: 'CollectInvestigationPackage',
			status: 'InProgress',
		});

		const result = await searchList({
			method: 'searchMachineActions',
			parameter: 'machineActionId',
			parameters: {
				resource: 'machineAction',
				operation: 'get',
				machineActionId: { __rl: true, mode: 'list', value: '' },
			},
			credential: simulatorCredential(simulator),
		});

		expect(result.results.map((entry) => entry.value)).toEqual([
			newerPending.id,
			done.id,
			oldPending.id,
		]);
		expect(result.results.map((entry) => entry.name).join()).not.toMatch(
			/can be cancelled|finished/,
		);
	});

	it('keeps the actions whose label, id or requestor contains the search text, whatever its case', async () => {
		const [scan] = simulator.seed(1, { type: 'RunAntiVirusScan' });
		const [byAnalyst] = simulator.seed(1, { requestor: 'analyst@contoso.com' });
		simulator.seed(2);

		const search = async (filter: string) =>
			(
				await searchList({
					method: 'searchMachineActions',
					parameter: 'machineActionId',
					filter,
					parameters: cancelParameters(''),
					credential: simulatorCredential(simulator),
				})
			).results.map((entry) => entry.value);

		expect(await search('antivirus')).toEqual([scan.id]);
		expect(await search('ANALYST@')).toEqual([byAnalyst.id]);
		expect(await search(scan.id.slice(0, 8))).toEqual([scan.id]);
		expect(await search('no such action')).toEqual([]);
	});
});

describe('Default operation', () => {
	it('keeps Cancel for a version 1 node saved without an operation (n8n leaves defaults out of saved workflows)', async () => {
		const [action] = simulator.seed(1);

		const { items, error } = await runDefenderNode({
			parameters: { machineActionId: action.id, comment: 'Saved before 1.1' },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`POST /api/machineactions/${action.id}/cancel`]);
		expect(items[0].json.status).toBe('Cancelled');
	});

	it('starts a new node (version 1.1) on Get, so nothing is cancelled before an operation is picked', async () => {
		const [action] = simulator.seed(1);

		const { items, error } = await runDefenderNode({
			typeVersion: 1.1,
			parameters: { machineActionId: action.id },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${action.id}`]);
		expect(items[0].json.status).toBe('Pending');
	});
});
