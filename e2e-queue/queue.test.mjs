// Queue mode: a real n8n 2.40.7 main and two workers (Redis, Postgres) cancel 500 machine actions
// through the packed package, four webhook batches at once, against one rate limit. Every action must
// be cancelled exactly once. `npm run test:queue`; needs Redis and Postgres (installed with apt as root).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor } from '../e2e/support/examples.mjs';
import { ensureN8n } from '../e2e/support/n8nInstall.mjs';
import { defenderNode, node } from '../e2e/support/workflows.mjs';
import { N8nQueue } from './n8nQueue.mjs';
import { ensureServices, startPostgres, startRedis } from './services.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const N8N_VERSION = '2.40.7';
const ACTIONS = 500;
const BATCHES = 4;
const WORKERS = 2;
const WORKER_CONCURRENCY = 5;
/** Defender's 100 calls a minute per app and API, on a clock ten times faster: 100 per 6 s. */
const RATE_LIMIT = { perWindow: 100, windowMs: 6000, perHour: 100_000, hourMs: 360_000 };
const WEBHOOK_PATH = 'defender-bulk-cancel';
const COMMENT = 'queue-mode bulk cancel';
const CANCEL_PATH = /^\/api\/machineactions\/([0-9a-f-]{36})\/cancel\/?$/i;
/** Well past the 24 s the limit needs, and under fetch's 300 s wait for response headers. */
const RUN_TIMEOUT_MS = 240_000;

/** Webhook (answers with every item of the last node) → Split Out → Cancel → the execution's id on each item. */
const bulkCancelWorkflow = {
	id: 'wfQueueBulkCancel',
	name: 'Queue mode: bulk cancel',
	active: false,
	nodes: [
		node(
			'Bulk cancel request',
			'n8n-nodes-base.webhook',
			2,
			{
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
			{ webhookId: '7d0c6a52-43c1-4d8e-9a57-1f0e2b3c4d5e' },
		),
		node('Split', 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'body.ids',
			options: { destinationFieldName: 'ids' },
		}),
		defenderNode(
			'Cancel',
			{
				resource: 'machineAction',
				operation: 'cancel',
				machineActionId: '={{ $json.ids }}',
				comment: COMMENT,
				options: { rateLimitWindowSeconds: 6 },
			},
			{ onError: 'continueRegularOutput' },
		),
		node('Execution', 'n8n-nodes-base.set', 3.4, {
			mode: 'manual',
			includeOtherFields: true,
			assignments: {
				assignments: [
					{
						id: '00000000-0000-4000-8000-000000000001',
						name: 'executionId',
						type: 'string',
						value: '={{ $execution.id }}',
					},
				],
			},
			options: {},
		}),
	].map((entry, index) => ({ ...entry, position: [index * 220, 0] })),
	connections: {
		'Bulk cancel request': { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [[{ node: 'Cancel', type: 'main', index: 0 }]] },
		Cancel: { main: [[{ node: 'Execution', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

describe(
	`n8n ${N8N_VERSION} in queue mode (main + ${WORKERS} workers, Redis, Postgres)`,
	{ timeout: 9 * 60_000 },
	() => {
		let simulator;
		let redis;
		let postgres;
		let n8n;

		/** The tails of every process log, for a failure message. */
		const logs = () =>
			[n8n?.logTails(60), redis?.process.tail(10), postgres?.process.tail(20)]
				.filter(Boolean)
				.join('\n');

		before(async () => {
			const started = Date.now();
			const installed = await ensureN8n(N8N_VERSION);
			const { redisServer, postgresBin } = ensureServices();
			// One at a time, so after() stops whatever did start when one of them fails.
			simulator = await startDefenderSimulator({ rateLimit: RATE_LIMIT });
			redis = await startRedis(redisServer);
			postgres = await startPostgres(postgresBin);
			n8n = new N8nQueue(installed, { redis, postgres });
			try {
				await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
				await n8n.importJson('workflow', [bulkCancelWorkflow]);
				await n8n.activate(bulkCancelWorkflow.id);
				await Promise.all([
					n8n.startMain(),
					...Array.from({ length: WORKERS }, () => n8n.startWorker(WORKER_CONCURRENCY)),
				]);
				await n8n.waitForWebhook(WEBHOOK_PATH);
			} catch (error) {
				error.message += `\n${logs()}`;
				throw error;
			}
			console.log(
				`Postgres ${postgres.version}, Redis on port ${redis.port}, n8n main and ${WORKERS} workers ready in ${seconds(Date.now() - started)}`,
			);
		});

		after(async () => {
			await n8n?.stop();
			await Promise.all([redis?.stop(), postgres?.stop(), simulator?.close()]);
			n8n?.assertLoopbackOnly();
		});

		/** What the simulator saw of the cancels: per action, successes, the 200s per window from the first call. */
		function cancelStats(actions, since) {
			const cancels = simulator
				.apiRequests()
				.filter((request) => request.method === 'POST' && CANCEL_PATH.test(request.path));
			const byId = new Map(actions.map((action) => [action.id, []]));
			for (const request of cancels)
				byId.get(CANCEL_PATH.exec(request.path)[1].toLowerCase())?.push(request);
			const successes = cancels
				.filter((request) => request.status === 200)
				.map((request) => request.at);
			const firstCall =
				cancels.length > 0 ? Math.min(...cancels.map((request) => request.at)) : undefined;
			const perWindow = [];
			for (const at of successes) {
				const window = Math.floor((at - firstCall) / RATE_LIMIT.windowMs);
				perWindow[window] = (perWindow[window] ?? 0) + 1;
			}
			const count = (status) => cancels.filter((request) => request.status === status).length;
			const cancelled = actions.filter(
				(action) => simulator.actions.get(action.id).status === 'Cancelled',
			).length;
			return {
				cancels,
				byId,
				successes,
				firstCall,
				lastCancel: successes.length > 0 ? Math.max(...successes) : undefined,
				perWindow: Array.from(perWindow, (entry) => entry ?? 0),
				most429s: Math.max(
					0,
					...[...byId.values()].map(
						(requests) => requests.filter((request) => request.status === 429).length,
					),
				),
				summary: `${cancelled}/${actions.length} actions Cancelled; ${cancels.length} cancel calls: ${count(200)} answered 200, ${count(429)} 429, ${cancels.length - count(200) - count(429)} other; successful cancels per ${RATE_LIMIT.windowMs / 1000} s window from the first call: ${Array.from(perWindow, (entry) => entry ?? 0).join(', ')}; ${seconds(Date.now() - since)} after the first POST`,
			};
		}

		it(`cancels ${ACTIONS} actions from ${BATCHES} concurrent webhook batches on ${WORKERS} workers, each exactly once`, async () => {
			const actions = simulator.seed(ACTIONS);
			const batchSize = ACTIONS / BATCHES;
			const batches = Array.from({ length: BATCHES }, (_, index) =>
				actions.slice(index * batchSize, (index + 1) * batchSize).map((action) => action.id),
			);

			try {
				// All four at once, so both workers take executions; each answers when its execution has finished.
				const firstPost = Date.now();
				const aborter = new AbortController();
				let timer;
				const timedOut = new Promise((_, reject) => {
					timer = setTimeout(() => {
						aborter.abort();
						reject(
							new Error(
								`The executions did not all finish within ${RUN_TIMEOUT_MS / 1000} s: ${cancelStats(actions, firstPost).summary}`,
							),
						);
					}, RUN_TIMEOUT_MS);
				});
				const responses = await Promise.race([
					Promise.all(
						batches.map(async (ids) => {
							const response = await n8n.postWebhook(WEBHOOK_PATH, { ids }, aborter.signal);
							const text = await response.text();
							return { status: response.status, text, finishedAt: Date.now() };
						}),
					),
					timedOut,
				]).finally(() => clearTimeout(timer));
				const lastResponse = Math.max(...responses.map((response) => response.finishedAt));
				const stats = cancelStats(actions, firstPost);

				// Which worker ran each batch: the execution id the Set node wrote on its items, in a worker's log.
				const byWorker = n8n.executionsByWorker();
				const parsed = responses.map((response) => {
					try {
						return JSON.parse(response.text);
					} catch {
						return undefined;
					}
				});
				const executionOf = parsed.map((items) =>
					Array.isArray(items) ? [...new Set(items.map((item) => item.executionId))] : [],
				);
				const workersOf = executionOf.map((ids) =>
					[...byWorker]
						.filter(([, executions]) => ids.some((id) => executions.includes(id)))
						.map(([worker]) => worker),
				);

				// Figures, printed before the assertions so a failing run shows them too.
				const bound = (Math.ceil(ACTIONS / RATE_LIMIT.perWindow) - 1) * RATE_LIMIT.windowMs;
				const wall = stats.lastCancel - firstPost;
				const perWorker = n8n.workers.map((worker) => {
					const ran = batches.filter(
						(_, batch) => workersOf[batch].length === 1 && workersOf[batch][0] === worker.name,
					);
					const calls = ran.flat().flatMap((id) => stats.byId.get(id));
					const executions = byWorker.get(worker.name);
					return `${worker.name}: ${ran.length} batches (executions ${executions.join(', ') || 'none'}), ${calls.length} cancel calls (${calls.filter((request) => request.status === 429).length} answered 429)`;
				});
				console.log(
					[
						`wall time, first POST to last cancel: ${seconds(wall)} (last webhook answer after ${seconds(lastResponse - firstPost)}; first cancel call after ${seconds(stats.firstCall - firstPost)})`,
						`rate-limit bound: ${ACTIONS} calls at ${RATE_LIMIT.perWindow} per ${RATE_LIMIT.windowMs / 1000} s window = ${Math.ceil(ACTIONS / RATE_LIMIT.perWindow) - 1} full windows = ${seconds(bound)}`,
						`wall / bound: ${(wall / bound).toFixed(2)}`,
						`API calls: ${simulator.apiRequests().length}; 429s: ${simulator.rateLimited}; at most ${stats.most429s} 429s for one action; token requests: ${simulator.tokenRequests}`,
						stats.summary,
						...perWorker,
					].join('\n'),
				);

				// Each execution answered with all its items: one per id, none an error item, all Cancelled.
				responses.forEach((response, batch) => {
					assert.equal(
						response.status,
						200,
						`batch ${batch} answered ${response.status}: ${response.text.slice(0, 500)}`,
					);
					assert.ok(
						Array.isArray(parsed[batch]),
						`batch ${batch} answered ${response.text.slice(0, 500)}`,
					);
				});
				const errorItems = parsed.flat().filter((item) => item.error !== undefined);
				assert.deepEqual(
					errorItems.slice(0, 5),
					[],
					`${errorItems.length} error items, first ones shown`,
				);
				parsed.forEach((items, batch) => {
					assert.deepEqual(
						items.map((item) => item.id),
						batches[batch],
						`batch ${batch}: one output item per id, in order`,
					);
					assert.ok(
						items.every(
							(item) => item.status === 'Cancelled' && item.cancellationComment === COMMENT,
						),
						`batch ${batch}: every item Cancelled`,
					);
				});

				// Defender's side: every action is Cancelled, with exactly one successful cancel each.
				const notCancelled = actions.filter(
					(action) => simulator.actions.get(action.id).status !== 'Cancelled',
				);
				assert.deepEqual(
					notCancelled.map((action) => `${action.id}: ${simulator.actions.get(action.id).status}`),
					[],
					'actions not Cancelled',
				);
				const notOnce = [...stats.byId].filter(
					([, requests]) => requests.filter((request) => request.status === 200).length !== 1,
				);
				assert.deepEqual(
					notOnce.map(
						([id, requests]) => `${id}: ${requests.map((request) => request.status).join(',')}`,
					),
					[],
					'actions without exactly one successful (200) cancel',
				);
				// No answer is lost in this run, so a cancel refused as already final can only be a second one:
				// a 400 passes only when the node recognised it (its item succeeded, checked above); nothing else does.
				const unexpected = stats.cancels.filter(
					(request) => ![200, 400, 429].includes(request.status),
				);
				assert.deepEqual(
					unexpected.map((request) => `${request.path}: ${request.status}`),
					[],
					'cancels answered other than 200, 400 or 429',
				);

				// Both workers ran executions, and every batch ran as one execution on exactly one of them.
				executionOf.forEach((ids, batch) =>
					assert.equal(ids.length, 1, `batch ${batch} came from one execution, got ${ids}`),
				);
				workersOf.forEach((workers, batch) =>
					assert.equal(
						workers.length,
						1,
						`execution ${executionOf[batch]} (batch ${batch}) ran on ${workers.length} workers: ${workers}`,
					),
				);
				for (const worker of n8n.workers)
					assert.ok(
						workersOf.flat().includes(worker.name),
						`${worker.name} ran no batch (batches ran on ${workersOf})`,
					);
				assert.doesNotMatch(
					n8n.main.log,
					/Worker started execution/,
					'the main ran an execution itself',
				);
				assert.deepEqual(
					n8n.outboundAttempts(),
					[],
					'n8n tried to reach a host other than loopback',
				);
				// Postgres has the four executions, finished, started by the webhook.
				const executions = postgres
					.query(
						`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${bulkCancelWorkflow.id}' ORDER BY id`,
					)
					.trim()
					.split('\n');
				assert.deepEqual(
					executions,
					executionOf
						.flat()
						.sort((a, b) => a - b)
						.map((id) => `${id}|success|webhook`),
				);
			} catch (error) {
				error.message += `\n${logs()}`;
				throw error;
			}
		});
	},
);
