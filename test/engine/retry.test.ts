import { hostClock, sleepUnlessCancelled } from '../../nodes/core/transport/hostClock';
import { calculateBackoffDelayMs, DEFAULT_BACKOFF } from '../../nodes/core/transport/retry/backoff';
import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { runDefenderNode, runDefenderNodeWithSignal, simulatorCredential } from '../harness/engine';

let simulator: DefenderSimulator;
let chosenDelays: number[];
let fakeNow: number;

const cancelPath = /\/cancel$/;
const tooManyRequests = (headers: Record<string, string> = {}, times?: number) => ({
	path: /^\/api\//,
	status: 429,
	headers,
	times,
	body: {
		error: {
			code: 'TooManyRequests',
			message: 'Rate limit is exceeded. Try again in 7 seconds.',
			target: 'corr-1',
		},
	},
});

beforeEach(async () => {
	simulator = await startDefenderSimulator();
	chosenDelays = [];
	fakeNow = Date.UTC(2026, 10, 27, 12, 0, 0);
	// A fake clock: each wait the node chooses is recorded and passes at once.
	jest.spyOn(hostClock, 'now').mockImplementation(() => fakeNow);
	jest.spyOn(hostClock, 'sleep').mockImplementation(async (ms: number) => {
		chosenDelays.push(ms);
		fakeNow += ms;
	});
});
afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.close();
});

const cancel = (id: string, options: Record<string, number> = {}) => ({
	operation: 'cancel',
	machineActionId: id,
	comment: 'cancelled by playbook',
	options,
});

describe('429 and server error retry', () => {
	it('waits the seconds Retry-After names, then retries and succeeds', async () => {
		const [action] = simulator.seed(1);
		simulator.injectFault(tooManyRequests({ 'Retry-After': '7' }, 1));

		const { items, error } = await runDefenderNode({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(chosenDelays).toEqual([7000]);
		expect(simulator.apiRequests().map((request) => request.status)).toEqual([429, 200]);
		expect(items[0].json.status).toBe('Cancelled');
	});

	it('reads Retry-After as an HTTP date relative to now', async () => {
		// Defender's Date header is on the same (fake) clock as the node, so "now" is the same on both sides.
		await simulator.close();
		simulator = await startDefenderSimulator({ now: () => fakeNow });
		const [action] = simulator.seed(1);
		simulator.injectFault(
			tooManyRequests({ 'Retry-After': new Date(fakeNow + 12_000).toUTCString() }, 1),
		);

		const { error } = await runDefenderNode({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(chosenDelays).toEqual([12_000]);
	});

	it('backs off exponentially with jitter when Retry-After is missing', async () => {
		const [action] = simulator.seed(1);
		jest.spyOn(hostClock, 'random').mockReturnValue(0.25);
		simulator.injectFault(tooManyRequests({}, 3));

		const { error } = await runDefenderNode({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(chosenDelays).toEqual(
			[0, 1, 2].map((attempt) => calculateBackoffDelayMs(attempt, DEFAULT_BACKOFF, () => 0.25)),
		);
		expect(chosenDelays[1]).toBeGreaterThan(chosenDelays[0]);
		expect(chosenDelays[2]).toBeGreaterThan(chosenDelays[1]);
	});

	it('gives up after Max Retries and says it was rate limited and for how long it tried', async () => {
		const [action] = simulator.seed(1);
		simulator.injectFault(tooManyRequests({ 'Retry-After': '3' }));

		const { error } = await runDefenderNode({
			parameters: cancel(action.id, { maxRetries: 2 }),
			credential: simulatorCredential(simulator),
		});

		expect(simulator.apiRequests()).toHaveLength(3);
		expect(chosenDelays).toEqual([3000, 3000]);
		expect(error?.message).toContain('rate limited');
		expect(error?.message).toContain('after 2 retries over 6 s');
		expect((error as { messages?: string[] }).messages?.join(' ')).toContain('TooManyRequests');
		expect((error as { httpCode?: string }).httpCode).toBe('429 TooManyRequests');
	});

	it('fails at once when Retry-After is longer than Max Total Wait allows, without waiting', async () => {
		const [action] = simulator.seed(1);
		simulator.injectFault(tooManyRequests({ 'Retry-After': '120' }));

		const { error } = await runDefenderNode({
			parameters: cancel(action.id, { maxTotalWaitSeconds: 30 }),
			credential: simulatorCredential(simulator),
		});

		expect(chosenDelays).toEqual([]);
		expect(simulator.apiRequests()).toHaveLength(1);
		expect(error?.message).toContain('rate limited');
		expect(error?.description).toContain('wait another 120 s');
	});

	it('retries Get on a 5xx answer and on a lost connection', async () => {
		const [action] = simulator.seed(1);
		simulator.injectFault({ path: /^\/api\//, status: 503, times: 1 });
		simulator.injectFault({ path: /^\/api\//, reset: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: { operation: 'get', machineActionId: action.id },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => request.status)).toEqual([503, 0, 200]);
		expect(chosenDelays).toHaveLength(2);
		expect(items[0].json.id).toBe(action.id);
	});

	it('does not resend a Cancel after an internal server error, since the first may have been applied', async () => {
		const [action] = simulator.seed(1);
		simulator.injectFault({ path: cancelPath, status: 500, times: 1 });

		const { error } = await runDefenderNode({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
		});

		expect(simulator.apiRequests()).toHaveLength(1);
		expect(error?.message).toContain('HTTP 500');
	});

	it('stops waiting at once when the execution is cancelled', async () => {
		jest.mocked(hostClock.sleep).mockImplementation(sleepUnlessCancelled);
		jest.mocked(hostClock.now).mockImplementation(Date.now);
		const [action] = simulator.seed(1);
		simulator.injectFault(tooManyRequests({ 'Retry-After': '60' }));
		const execution = new AbortController();
		const poll = setInterval(() => {
			if (simulator.apiRequests().length > 0) {
				clearInterval(poll);
				setTimeout(() => execution.abort(), 50);
			}
		}, 10);

		// Without the abort the run would sit out the 60 s Retry-After and hit the test timeout.
		const outcome = runDefenderNodeWithSignal({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
			signal: execution.signal,
		});

		// RoutingNode wraps the abort that n8n's sleep rejects with; the wait and the item end there.
		await expect(outcome).rejects.toHaveProperty('name', 'NodeApiError');
		expect(simulator.apiRequests()).toHaveLength(1);
		expect(simulator.actions.get(action.id)?.status).toBe('Pending');
	}, 10_000);

	it('really waits out Retry-After before the retry reaches the server', async () => {
		jest.mocked(hostClock.sleep).mockImplementation(sleepUnlessCancelled);
		jest.mocked(hostClock.now).mockImplementation(Date.now);
		const [action] = simulator.seed(1);
		simulator.injectFault(tooManyRequests({ 'Retry-After': '1' }, 1));

		const { error } = await runDefenderNode({
			parameters: cancel(action.id),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [first, second] = simulator.apiRequests();
		expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
	});
});
