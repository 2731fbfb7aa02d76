import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runXdrNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

/** The incident and the alert (v2) work alike: each case runs for both. */
const ENTITIES = [
	{
		resource: 'incident',
		idField: 'incidentId',
		set: 'incidents',
		settle: 'resolved',
		id: () => simulator.graph.seedIncidents(1)[0].id,
	},
	{
		resource: 'alert',
		idField: 'alertId',
		set: 'alerts_v2',
		settle: 'resolved',
		id: () => simulator.graph.addAlert().id,
	},
] as const;
type Entity = (typeof ENTITIES)[number];
const each = ENTITIES.map((entity) => [entity.resource, entity] as [string, Entity]);

const run = (entity: Entity, parameters: Record<string, unknown>) =>
	runXdrNode({
		parameters: { resource: entity.resource, ...parameters },
		credential: simulatorCredential(simulator),
	});
const bodies = () =>
	simulator
		.graphRequests()
		.filter((request) => request.method !== 'GET')
		.map((request) => JSON.parse(request.body) as unknown);

describe.each(each)('%s → Update', (_name, entity) => {
	it('PATCHes only the fields given and outputs the updated entity', async () => {
		simulator = await startDefenderSimulator();
		const id = entity.id();

		const { items, error } = await run(entity, {
			operation: 'update',
			[entity.idField]: id,
			updateFields: {
				status: 'resolved',
				classification: 'truePositive',
				determination: 'malware',
				assignedTo: ' soc@contoso.com ',
			},
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests().map((request) => `${request.method} ${request.path}`)).toEqual(
			[`PATCH /v1.0/security/${entity.set}/${id}`],
		);
		expect(bodies()).toEqual([
			{
				status: 'resolved',
				classification: 'truePositive',
				determination: 'malware',
				assignedTo: 'soc@contoso.com',
			},
		]);
		expect(items[0].json).toMatchObject({
			id,
			status: 'resolved',
			classification: 'truePositive',
			assignedTo: 'soc@contoso.com',
		});
	});

	it.each([
		['no field', {}, 'Nothing to update'],
		['a status outside the list', { status: 'closed' }, 'Status must be one of'],
	])('refuses %s before sending anything', async (_label, updateFields, problem) => {
		simulator = await startDefenderSimulator();
		const id = entity.id();

		const { error } = await run(entity, {
			operation: 'update',
			[entity.idField]: id,
			updateFields,
		});

		expect(error?.message).toContain(problem);
		expect(simulator.graphRequests()).toHaveLength(0);
	});
});

describe.each(each)('%s → Add Comment', (_name, entity) => {
	it('posts an alertComment and outputs the whole comment list', async () => {
		simulator = await startDefenderSimulator();
		const id = entity.id();

		const { items, error } = await run(entity, {
			operation: 'addComment',
			[entity.idField]: id,
			comment: ' Isolated the device ',
		});

		expect(error).toBeUndefined();
		expect(bodies()).toEqual([
			{ '@odata.type': 'microsoft.graph.security.alertComment', comment: 'Isolated the device' },
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			id,
			comments: [
				expect.objectContaining({
					comment: 'Isolated the device',
					createdByDisplayName: expect.any(String),
				}),
			],
		});
	});

	it('does not post the comment twice when the answer was lost but the comment was added', async () => {
		simulator = await startDefenderSimulator();
		const id = entity.id();
		simulator.injectFault({ method: 'POST', path: /comments$/, times: 1, applyThenDrop: true });

		const { items, error } = await run(entity, {
			operation: 'addComment',
			[entity.idField]: id,
			comment: 'Once only',
		});

		expect(error).toBeUndefined();
		expect(simulator.graphRequests().map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(items[0].json.comments).toEqual([expect.objectContaining({ comment: 'Once only' })]);
	});

	it('refuses an empty comment before sending anything', async () => {
		simulator = await startDefenderSimulator();
		const id = entity.id();

		const { error } = await run(entity, {
			operation: 'addComment',
			[entity.idField]: id,
			comment: '   ',
		});

		expect(error?.message).toBe(
			`Comment is empty: write the text to add to ${entity.resource} ${id}`,
		);
		expect(simulator.graphRequests()).toHaveLength(0);
	});
});

describe.each(each)('%s: hostile ids', (_name, entity) => {
	it.each(['../alerts_v2', '1?$expand=x', "1' or 1 eq 1", '1/comments', '%2e%2e'])(
		'refuses %s before sending anything',
		async (hostile) => {
			simulator = await startDefenderSimulator();

			const { error } = await run(entity, { operation: 'get', [entity.idField]: hostile });

			expect(error?.message).toContain(`must be a Microsoft Graph ${entity.resource} ID`);
			expect(simulator.graphRequests()).toHaveLength(0);
		},
	);
});
