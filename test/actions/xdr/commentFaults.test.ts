import { forgetServiceClocks } from '../../../nodes/core/transport/serviceClock';
import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, GraphComment } from '../../../simulator/server';
import { runXdrNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
afterEach(async () => {
	forgetServiceClocks();
	await simulator.close();
});

const TEXT = 'Isolated by n8n';

/** The incident and the alert (v2) work alike: each case runs for both. */
const ENTITIES = [
	{
		resource: 'incident',
		idField: 'incidentId',
		create: () => simulator.graph.seedIncidents(1)[0],
	},
	{
		resource: 'alert',
		idField: 'alertId',
		create: () => simulator.graph.addAlert(),
	},
] as const;
type Entity = (typeof ENTITIES)[number];
const each = ENTITIES.map((entity) => [entity.resource, entity] as [string, Entity]);

/** An entity that may already hold the same comment, written by this app on an earlier run 30 s before (Graph's clock). */
const start = async (entity: Entity, earlierComment: boolean, sendDateHeader = true) => {
	simulator = await startDefenderSimulator({ sendDateHeader });
	const created = entity.create();
	if (earlierComment)
		created.comments.push({
			comment: TEXT,
			createdByDisplayName: DEFAULT_APP.name ?? DEFAULT_APP.clientId,
			createdDateTime: new Date(Date.now() + simulator.clockOffsetMs - 30_000).toISOString(),
		});
	return created;
};
const run = async (entity: Entity, id: string) =>
	await runXdrNode({
		parameters: {
			resource: entity.resource,
			operation: 'addComment',
			[entity.idField]: id,
			comment: TEXT,
		},
		credential: simulatorCredential(simulator),
	});
const methods = () => simulator.graphRequests().map((request) => request.method);
const texts = (comments: GraphComment[]) => comments.map((comment) => comment.comment);

describe.each(each)('%s → Add Comment with faults', (_name, entity) => {
	it.each([
		['without', false],
		['with', true],
	])(
		'a lost request (%s an identical earlier comment) is sent again, and the item holds its own comment',
		async (_label, earlier) => {
			const created = await start(entity, earlier);
			simulator.injectFault({ method: 'POST', path: /comments$/, times: 1, reset: true });

			const { items, error } = await run(entity, created.id);

			expect(error).toBeUndefined();
			expect(methods()).toEqual(['POST', 'GET', 'POST']);
			const expected = earlier ? [TEXT, TEXT] : [TEXT];
			expect(texts(created.comments)).toEqual(expected);
			expect(texts(items[0].json.comments as GraphComment[])).toEqual(expected);
		},
	);

	it.each([
		['without', false],
		['with', true],
	])(
		'a lost answer (%s an identical earlier comment) is found by its time and not sent again',
		async (_label, earlier) => {
			const created = await start(entity, earlier);
			simulator.injectFault({ method: 'POST', path: /comments$/, times: 1, applyThenDrop: true });

			const { items, error } = await run(entity, created.id);

			expect(error).toBeUndefined();
			expect(methods()).toEqual(['POST', 'GET']);
			const expected = earlier ? [TEXT, TEXT] : [TEXT];
			expect(texts(created.comments)).toEqual(expected);
			expect(texts(items[0].json.comments as GraphComment[])).toEqual(expected);
		},
	);

	it.each([
		['a lost request', { reset: true }],
		['a lost answer', { applyThenDrop: true }],
	])(
		'%s with an identical earlier comment and no Date header fails: the comment may or may not have been added',
		async (_label, fault) => {
			const created = await start(entity, true, false);
			simulator.injectFault({ method: 'POST', path: /comments$/, times: 1, ...fault });

			const { items, error } = await run(entity, created.id);

			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				`The answer to the comment on ${entity.resource} ${created.id} was lost, and Graph's answers carried no Date header, so the node cannot tell this run's comment from an earlier one with the same text: the comment may or may not have been added, so the node did not send it again`,
			);
			expect(methods()).toEqual(['POST', 'GET']);
		},
	);

	it("a user's comment with the same text made just now is not taken for this run's, even without a Date header", async () => {
		const created = await start(entity, false, false);
		created.comments.push({
			comment: TEXT,
			createdByDisplayName: 'analyst@contoso.com',
			createdDateTime: new Date(Date.now() + simulator.clockOffsetMs).toISOString(),
		});
		simulator.injectFault({ method: 'POST', path: /comments$/, times: 1, reset: true });

		const { error } = await run(entity, created.id);

		expect(error).toBeUndefined();
		expect(methods()).toEqual(['POST', 'GET', 'POST']);
		expect(created.comments.map((comment) => comment.createdByDisplayName)).toEqual([
			'analyst@contoso.com',
			DEFAULT_APP.name ?? DEFAULT_APP.clientId,
		]);
	});
});
