import type { INodeParameters } from 'n8n-workflow';

import { hostClock } from '../../nodes/core/transport/hostClock';
import { serviceClockFor, forgetServiceClocks } from '../../nodes/core/transport/serviceClock';
import { DEFAULT_APP, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, DuplicateAnswer } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../harness/engine';
import { requestLines } from '../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => {
	jest.restoreAllMocks();
	forgetServiceClocks();
	await simulator.close();
});

const COMMENT = 'Playbook: high severity alert';
const launch = (machineId: string): INodeParameters => ({
	resource: 'machine',
	operation: 'isolate',
	machineId: { __rl: true, mode: 'id', value: machineId },
	comment: COMMENT,
});
const posts = () => simulator.apiRequests().filter((request) => request.method === 'POST');
const isolationsOn = (machineId: string) =>
	[...simulator.actions.values()].filter(
		(action) => action.type === 'Isolate' && action.machineId === machineId,
	);
/** Defender's time now: the host's plus the simulator's offset. */
const defenderNow = () => Date.now() + simulator.clockOffsetMs;

// Defender's clock ahead of or behind the n8n host's; the last rows send no Date header, so the node keeps its 2 s rule.
const CLOCKS: Array<[string, number, boolean]> = [
	['60 s ahead', 60_000, true],
	['60 s behind', -60_000, true],
	['1.5 s ahead', 1_500, true],
	['1.5 s behind', -1_500, true],
	['level, without Date headers', 0, false],
	['1.5 s ahead, without Date headers', 1_500, false],
	['1.5 s behind, without Date headers', -1_500, false],
];

describe.each(CLOCKS)("Defender's clock %s", (_label, clockOffsetMs, sendDateHeader) => {
	const start = async (duplicateAnswer: DuplicateAnswer = 'error') => {
		simulator = await startDefenderSimulator({ clockOffsetMs, sendDateHeader, duplicateAnswer });
		simulator.seedMachines(3);
		return [...simulator.machines.values()][1].id;
	};
	const run = async (parameters: INodeParameters) =>
		await runDefenderNode({ parameters, credential: simulatorCredential(simulator) });

	it('a new launch is not already pending', async () => {
		const machineId = await start();

		const { items, error } = await run(launch(machineId));

		expect(error).toBeUndefined();
		// With Date headers the node has bounded the offset, and the true one lies within; without, it knows nothing.
		const bounds = serviceClockFor(simulator.url).boundsAt(Date.now());
		expect(bounds !== undefined).toBe(sendDateHeader);
		if (bounds)
			expect([bounds.low <= clockOffsetMs, clockOffsetMs <= bounds.high]).toEqual([true, true]);
		expect(posts()).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: isolationsOn(machineId)[0].id,
			alreadyPending: false,
		});
	});

	it('a second launch of the same action is already pending, and the first is not', async () => {
		const machineId = await start();

		const first = await run(launch(machineId));
		const second = await run(launch(machineId));

		expect(first.items[0].json.alreadyPending).toBe(false);
		expect(second.items[0].json).toMatchObject({
			id: first.items[0].json.id,
			alreadyPending: true,
		});
		expect(posts().map((request) => request.status)).toEqual([201, 400]);
		expect(isolationsOn(machineId)).toHaveLength(1);
	});

	it.each(['error', 'existing'] as const)(
		"an analyst's pending isolation is already pending (duplicates: %s)",
		async (duplicateAnswer) => {
			const machineId = await start(duplicateAnswer);
			// Made a moment ago by Defender's clock: only its requestor and comment tell it is not ours.
			const analysts = simulator.addAction({
				type: 'Isolate',
				machineId,
				status: 'Pending',
				creationDateTimeUtc: new Date(defenderNow()).toISOString(),
			});

			const { items, error } = await run(launch(machineId));

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: analysts.id, alreadyPending: true });
			expect(isolationsOn(machineId)).toHaveLength(1);
		},
	);

	it('an isolation the same app launched with the same comment 30 s before, handed back by Defender, is already pending', async () => {
		const machineId = await start('existing');
		const earlier = simulator.addAction({
			type: 'Isolate',
			machineId,
			status: 'Pending',
			requestor: DEFAULT_APP.name,
			requestorComment: COMMENT,
			creationDateTimeUtc: new Date(defenderNow() - 30_000).toISOString(),
		});

		const { items, error } = await run(launch(machineId));

		expect(error).toBeUndefined();
		expect(posts().map((request) => request.status)).toEqual([201]);
		expect(items[0].json).toMatchObject({ id: earlier.id, alreadyPending: true });
	});

	it.each(['error', 'existing'] as const)(
		'a lost launch finds its own action and is not sent again (duplicates: %s)',
		async (duplicateAnswer) => {
			const machineId = await start(duplicateAnswer);
			simulator.injectFault({ path: /\/isolate$/, applyThenDrop: true, times: 1 });

			const { items, error } = await run(launch(machineId));

			expect(error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			expect(isolationsOn(machineId)).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				id: isolationsOn(machineId)[0].id,
				alreadyPending: false,
			});
			expect(requestLines(simulator)).toEqual([
				`POST /api/machines/${machineId}/isolate`,
				'GET /api/machineactions',
			]);
		},
	);

	it('a lost alert comment is not added twice', async () => {
		await start();
		const [alert] = simulator.seedAlerts(1);
		simulator.injectFault({
			method: 'PATCH',
			path: /\/api\/alerts\//,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await run({
			resource: 'alert',
			operation: 'update',
			alertId: alert.id,
			updateFields: { comment: 'Escalated to IR', status: 'InProgress' },
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([
			`PATCH /api/alerts/${alert.id}`,
			`GET /api/alerts/${alert.id}`,
		]);
		expect(
			simulator.alerts
				.get(alert.id)
				?.comments.filter((entry) => entry.comment === 'Escalated to IR'),
		).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: alert.id, status: 'InProgress' });
	});
});

describe.each([
	['60 s ahead', 60_000],
	['60 s behind', -60_000],
])("Retry-After as a date with Defender's clock %s", (_label, clockOffsetMs) => {
	it("waits the time it names from Defender's Date, not from the host's clock", async () => {
		let fakeNow = Date.UTC(2026, 10, 27, 12, 0, 0);
		const waits: number[] = [];
		jest.spyOn(hostClock, 'now').mockImplementation(() => fakeNow);
		jest.spyOn(hostClock, 'sleep').mockImplementation(async (ms: number) => {
			waits.push(ms);
			fakeNow += ms;
		});
		simulator = await startDefenderSimulator({ now: () => fakeNow, clockOffsetMs });
		const [action] = simulator.seed(1);
		simulator.injectFault({
			path: /\/cancel$/,
			status: 429,
			times: 1,
			headers: { 'Retry-After': new Date(fakeNow + clockOffsetMs + 12_000).toUTCString() },
			body: {
				error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.', target: 'corr-1' },
			},
		});

		const { error } = await runDefenderNode({
			parameters: {
				resource: 'machineAction',
				operation: 'cancel',
				machineActionId: action.id,
				comment: 'cancelled by playbook',
			},
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(waits).toEqual([12_000]);
		expect(simulator.apiRequests().map((request) => request.status)).toEqual([429, 200]);
	});
});
