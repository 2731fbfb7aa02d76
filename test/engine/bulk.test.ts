import { RateBudget } from '../../nodes/core/transport/pacing/rateBudget';
import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { createCredentialStore, runDefenderNode, simulatorCredential } from '../harness/engine';
import { useFakeNodeClock } from './fakeClock';

let simulator: DefenderSimulator;

/** When the node's rate budget let each call through, in order: the pacing it chose. */
let grantedAt: number[] = [];

const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator(options);
	grantedAt = [];
	const acquire = RateBudget.prototype.acquire;
	jest.spyOn(RateBudget.prototype, 'acquire').mockImplementation(async function (
		this: RateBudget,
		...args: Parameters<RateBudget['acquire']>
	) {
		const granted = await acquire.apply(this, args);
		grantedAt.push(granted);
		return granted;
	});
};
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const cancelEach = (options: Record<string, number | boolean> = {}) => ({
	operation: 'cancel',
	machineActionId: '={{ $json.id }}',
	comment: 'Playbook misfired: cancelling',
	options,
});

/**
 * Sent unpaced, these calls would all be let through within a few milliseconds. The times the node's
 * budget let them through are its own decisions, free of the loopback's and a loaded machine's
 * jitter: no 11 of them within one 1 s window. The simulator's own window, counting arrivals, may
 * still refuse a call at a window's edge, at most once per edge.
 */
function expectPacedToTenPerSecond(windowEdges: number): void {
	const times = [...grantedAt].sort((a, b) => a - b);
	expect(times.length).toBeGreaterThanOrEqual(simulator.apiRequests().length);
	for (let index = 10; index < times.length; index++) {
		expect(times[index] - times[index - 10]).toBeGreaterThanOrEqual(1000);
	}
	expect(simulator.rateLimited).toBeLessThanOrEqual(windowEdges);
}

describe('Bulk cancel at the rate limit', () => {
	it('paces one execution so it never exceeds the limit, and cancels every action', async () => {
		await start({ rateLimit: { perWindow: 10, windowMs: 1000, perHour: 10_000 } });
		const actions = simulator.seed(25);

		const { items, error } = await runDefenderNode({
			parameters: cancelEach({ callsPerMinute: 10, rateLimitWindowSeconds: 1 }),
			items: actions.map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(actions.map(() => 'Cancelled'));
		expectPacedToTenPerSecond(2);
	});

	it('shares one budget between executions that use the same app registration', async () => {
		await start({ rateLimit: { perWindow: 10, windowMs: 1000, perHour: 10_000 } });
		const actions = simulator.seed(24);
		const run = (ids: string[]) =>
			runDefenderNode({
				parameters: cancelEach({ callsPerMinute: 10, rateLimitWindowSeconds: 1 }),
				items: ids.map((id) => ({ id })),
				credential: simulatorCredential(simulator),
			});

		const results = await Promise.all([
			run(actions.slice(0, 12).map((a) => a.id)),
			run(actions.slice(12).map((a) => a.id)),
		]);

		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		expect([...simulator.actions.values()].every((action) => action.status === 'Cancelled')).toBe(
			true,
		);
		expectPacedToTenPerSecond(2);
	});

	it('holds every waiting call of the credential back for a Retry-After, not only the one that got it', async () => {
		await start({ rateLimit: false });
		const actions = simulator.seed(8);
		simulator.injectFault({
			path: /\/cancel$/,
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 1,
		});

		const { items, error } = await runDefenderNode({
			parameters: cancelEach(),
			items: actions.map(({ id }) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.every((item) => item.json.status === 'Cancelled')).toBe(true);
		const [limited, ...after] = simulator.apiRequests();
		expect(limited.status).toBe(429);
		expect(after).toHaveLength(8);
		expect(Math.min(...after.map((request) => request.at)) - limited.at).toBeGreaterThanOrEqual(
			1000,
		);
	});

	it('fetches one token for a credential, not one per item sent in parallel', async () => {
		await start({ rateLimit: false });
		const actions = simulator.seed(20);
		const credentials = createCredentialStore(simulatorCredential(simulator));

		const { error } = await runDefenderNode({
			parameters: cancelEach(),
			items: actions.map(({ id }) => ({ id })),
			credential: {},
			credentials,
		});

		expect(error).toBeUndefined();
		expect(simulator.tokenRequests).toBe(1);
		expect(credentials.tokenUpdates).toBe(1);
		expect(
			new Set(simulator.apiRequests().map((request) => request.headers.authorization)).size,
		).toBe(1);
	});
});

describe('Cancel made safe to retry', () => {
	it('succeeds when the answer to a cancel was lost and the retry finds the action cancelled with our comment', async () => {
		await start();
		const [action] = simulator.seed(1);
		simulator.injectFault({ path: /\/cancel$/, applyThenDrop: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: cancelEach(),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => `${request.method} ${request.status}`)).toEqual(
			['POST 0', 'POST 400', 'GET 200'],
		);
		expect(items[0].json).toMatchObject({
			id: action.id,
			status: 'Cancelled',
			cancellationComment: 'Playbook misfired: cancelling',
		});
	});

	it('retries a cancel that a gateway answered with 503', async () => {
		await start();
		const [action] = simulator.seed(1);
		simulator.injectFault({ path: /\/cancel$/, status: 503, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: cancelEach(),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => request.status)).toEqual([503, 200]);
		expect(items[0].json.status).toBe('Cancelled');
	});

	it('still fails when the action turns out to be cancelled by someone else', async () => {
		await start();
		const [action] = simulator.seed(1, {
			status: 'Cancelled',
			cancellationComment: 'cancelled by the on-call analyst',
		});
		simulator.injectFault({ path: /\/cancel$/, reset: true, times: 1 });

		const { error } = await runDefenderNode({
			parameters: cancelEach(),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(
			`Device action ${action.id} is already Cancelled and can no longer be cancelled`,
		);
	});
});

describe('Wait for Final Status', () => {
	beforeEach(() => useFakeNodeClock());

	it('polls the action list until the action is final and says how long it waited', async () => {
		await start({ cancelSettlesAfterReads: 3 });
		const [action] = simulator.seed(1);

		const { items, error } = await runDefenderNode({
			parameters: cancelEach({ waitForFinalStatus: true, pollIntervalSeconds: 5 }),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(
			simulator
				.apiRequests()
				.map((request) =>
					`${request.method} ${request.path} ${request.query.$filter ?? ''}`.trim(),
				),
		).toEqual([
			`POST /api/machineactions/${action.id}/cancel`,
			...Array.from({ length: 3 }, () => `GET /api/machineactions id in ('${action.id}')`),
		]);
		expect(items[0].json).toMatchObject({
			id: action.id,
			status: 'Cancelled',
			reachedFinalStatus: true,
			waitedForFinalStatusSeconds: 15,
			commandCompletedBeforeCancel: false,
		});
	});

	it('stops at the timeout and says the action did not reach a final status', async () => {
		await start({ cancelSettlesAfterReads: 100 });
		const [action] = simulator.seed(1, { status: 'InProgress' });

		const { items } = await runDefenderNode({
			parameters: cancelEach({
				waitForFinalStatus: true,
				pollIntervalSeconds: 10,
				finalStatusTimeoutSeconds: 30,
			}),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(simulator.apiRequests().filter((request) => request.method === 'GET')).toHaveLength(3);
		expect(items[0].json).toMatchObject({
			status: 'InProgress',
			reachedFinalStatus: false,
			waitedForFinalStatusSeconds: 30,
		});
	});

	it('flags an action that shows Cancelled although its command completed', async () => {
		await start();
		const [action] = simulator.seed(1, {
			type: 'LiveResponse',
			commands: [
				{
					index: 0,
					commandStatus: 'Completed',
					startTime: '2026-11-27T11:00:00Z',
					endTime: '2026-11-27T11:00:05Z',
					errors: [],
					command: { type: 'RunScript', params: [] },
				},
			],
		});

		const { items } = await runDefenderNode({
			parameters: cancelEach({ waitForFinalStatus: true }),
			items: [{ id: action.id }],
			credential: simulatorCredential(simulator),
		});

		expect(items[0].json).toMatchObject({
			status: 'Cancelled',
			commandCompletedBeforeCancel: true,
			waitedForFinalStatusSeconds: 0,
		});
	});
});
