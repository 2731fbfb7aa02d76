// End-to-end: stopping an execution in a started n8n (POST /rest/executions/{id}/stop, what the
// editor's Stop button calls) while the node waits out a 429 or polls for a final status. The
// execution must end at once and Defender must hear nothing more from it. n8n marks a stopped
// execution canceled and aborts its HTTP requests whatever the node does, so the test also times
// the end of the node's run from n8n's debug log: a node that ignored the signal would still be
// waiting (checked by taking the signal out of routingHost: the node then waited 7-10 s for its
// retry, and was still polling when the test stopped listening).
// `npm run test:e2e`; N8N_E2E_VERSIONS picks the n8n releases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort, waitFor } from './support/processes.mjs';
import { N8nRest } from './support/n8nRest.mjs';
import { chain, defenderNode, node } from './support/workflows.mjs';
import { exampleCredentialFor } from './support/examples.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const RETRY_AFTER_SECONDS = 10;
const POLL_INTERVAL_SECONDS = 4;
/** Stopping must end the execution within about a second; the bound leaves room for a busy machine. */
const STOP_BOUND_MS = 5000;
/** How long past the moment the next request was due the test keeps listening for it. */
const LISTEN_PAST_DUE_MS = 3000;
const FINISHED = ['canceled', 'crashed', 'error', 'success'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A workflow: a production webhook that answers at once, then one Defender node. */
const webhookWorkflow = (id, path, nodeName, defenderParameters) =>
	chain(id, id, [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			{ webhookId: `${id}-hook` },
		),
		defenderNode(nodeName, defenderParameters),
	]);

/** The workflow's executions, newest first (both 1.x and 2.x answer `{ data: { results } }`). */
const executionsOf = async (editor, workflowId) =>
	(
		await editor.request(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		)
	).results;

for (const version of VERSIONS) {
	describe(`n8n ${version}: Stop`, { timeout: 10 * 60_000 }, () => {
		// n8n 1.x drops a failed request's headers, so there the node backs off instead of reading Retry-After.
		const seesRetryAfter = !version.startsWith('1.');
		let n8n;
		let simulator;
		let editor;
		let device;
		const nodeLog = [];

		before(async () => {
			const installed = await ensureN8n(version);
			// No lifecycle: launched actions stay Pending, so a wait for the final status goes on polling.
			simulator = await startDefenderSimulator({ rateLimit: false });
			[device] = simulator.seedMachines(1);
			n8n = new N8nInstance(installed, {
				port: await freePort(),
			});
			await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
			await n8n.importJson('workflow', [
				webhookWorkflow('wfStopRetry', 'defender-stop-retry', 'Cancel', {
					resource: 'machineAction',
					operation: 'cancel',
					machineActionId: '={{ $json.body.machineActionId }}',
					comment: 'e2e: stop during a retry wait',
					options: { maxRetries: 10 },
				}),
				webhookWorkflow('wfStopPoll', 'defender-stop-poll', 'Isolate', {
					resource: 'machine',
					operation: 'isolate',
					machineId: { __rl: true, mode: 'id', value: '={{ $json.body.machineId }}' },
					comment: 'e2e: stop during the final-status wait',
					options: {
						waitForFinalStatus: true,
						pollIntervalSeconds: POLL_INTERVAL_SECONDS,
						finalStatusTimeoutSeconds: 300,
					},
				}),
			]);
			await n8n.activate('wfStopRetry');
			await n8n.activate('wfStopPoll');
			// At debug level n8n logs when a node's run ends: that is when the node stopped waiting.
			n8n.env.N8N_LOG_LEVEL = 'debug';
			await n8n.start();
			let partial = '';
			const collect = (chunk) => {
				const lines = (partial + chunk.toString()).split('\n');
				partial = lines.pop();
				for (const line of lines)
					if (line.includes('Running node')) nodeLog.push({ at: Date.now(), line });
			};
			n8n.server.stdout.on('data', collect);
			n8n.server.stderr.on('data', collect);
			editor = await N8nRest.owner(n8n.baseUrl);
		});

		after(async () => {
			await n8n?.stop();
			await simulator?.close();
			n8n?.assertLoopbackOnly();
		});

		/** Finds the workflow's running execution, stops it as the editor does, and measures until n8n reports it ended. */
		async function stopRunning(workflowId) {
			let running;
			const deadline = Date.now() + 10_000;
			while (!running && Date.now() < deadline) {
				running = (await executionsOf(editor, workflowId)).find(
					(execution) => execution.status === 'running',
				);
				if (!running) await sleep(100);
			}
			assert.ok(running, `no running execution of ${workflowId}`);
			const stoppedAt = Date.now();
			const answer = await editor.request('POST', `/executions/${running.id}/stop`);
			const answeredMs = Date.now() - stoppedAt;
			let execution = await editor.request('GET', `/executions/${running.id}`);
			while (!FINISHED.includes(execution.status) && Date.now() - stoppedAt < 30_000) {
				await sleep(50);
				execution = await editor.request('GET', `/executions/${running.id}`);
			}
			return {
				id: running.id,
				stoppedAt,
				answer,
				answeredMs,
				reportedMs: Date.now() - stoppedAt,
				execution,
			};
		}

		/** When n8n logged the end of the node's run after `at` (the node gave up its wait), or undefined. */
		const nodeEndedAfter = (nodeName, at) =>
			nodeLog.find(
				(entry) => entry.at >= at && entry.line.includes(`Running node "${nodeName}" finished`),
			);

		/** Listens until `until`, then says what happened after the stop: the node's end and Defender's requests. */
		async function afterStop(stop, nodeName, until) {
			await sleep(Math.max(0, until - Date.now()));
			const ended = nodeEndedAfter(nodeName, stop.stoppedAt);
			return {
				nodeEndedMs: ended ? ended.at - stop.stoppedAt : undefined,
				requests: simulator.requests
					.filter((entry) => entry.at > stop.stoppedAt)
					.map((entry) => `${entry.method} ${entry.path}`),
				listenedMs: Date.now() - stop.stoppedAt,
			};
		}

		const report = (what, stop, seen) =>
			console.log(
				`# n8n ${version}, ${what}: stop answered in ${stop.answeredMs} ms (${stop.answer?.status}); ` +
					`execution reported ${stop.execution.status} after ${stop.reportedMs} ms; ` +
					`node's run ended ${seen.nodeEndedMs === undefined ? 'not at all' : `after ${seen.nodeEndedMs} ms`}; ` +
					`requests to Defender after the stop: ${seen.requests.length} (listened ${seen.listenedMs} ms)`,
			);

		const assertStopped = (stop, seen) => {
			assert.equal(stop.execution.status, 'canceled');
			assert.ok(
				stop.reportedMs < STOP_BOUND_MS,
				`n8n reported the execution ended ${stop.reportedMs} ms after the stop`,
			);
			assert.ok(
				seen.nodeEndedMs !== undefined,
				`the node was still waiting ${seen.listenedMs} ms after the stop`,
			);
			assert.ok(
				seen.nodeEndedMs < STOP_BOUND_MS,
				`the node's run ended ${seen.nodeEndedMs} ms after the stop`,
			);
			assert.deepEqual(seen.requests, []);
		};

		it('ends the execution at once during a 429 wait, and sends no retry', async () => {
			const action = simulator.addAction({ machineId: 'f'.repeat(40) });
			simulator.injectFault({
				path: /\/cancel$/,
				status: 429,
				headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
			});
			const attempts = () =>
				simulator.apiRequests().filter((entry) => entry.path.endsWith(`${action.id}/cancel`));
			// Stop once the wait ahead is long: Retry-After where the node sees it, else the 4th backoff (4-8 s).
			const attemptsBeforeLongWait = seesRetryAfter ? 1 : 4;
			const nextWaitMaxMs = seesRetryAfter ? RETRY_AFTER_SECONDS * 1000 : 8000;

			const webhook = await n8n.postWebhook('defender-stop-retry', { machineActionId: action.id });
			assert.equal(webhook.status, 200);
			await waitFor(() => attempts().length >= attemptsBeforeLongWait, 30_000, 'the 429s');
			const lastAttemptAt = attempts().at(-1).at;
			await sleep(300);
			const stop = await stopRunning('wfStopRetry');
			// Listen until well past when the retry would have gone out.
			const seen = await afterStop(
				stop,
				'Cancel',
				lastAttemptAt + nextWaitMaxMs + LISTEN_PAST_DUE_MS,
			);
			simulator.clearFaults();

			report(
				`stop during a ${seesRetryAfter ? `Retry-After: ${RETRY_AFTER_SECONDS}` : '4-8 s backoff'} wait after ${attempts().length} 429s`,
				stop,
				seen,
			);
			assertStopped(stop, seen);
			assert.equal(attempts().length, attemptsBeforeLongWait);
			assert.equal(simulator.actions.get(action.id).status, 'Pending');
		});

		it('ends the execution at once while polling for the final status, and polls no more', async () => {
			const polls = () =>
				simulator
					.apiRequests()
					.filter(
						(entry) =>
							entry.method === 'GET' &&
							entry.path === '/api/machineactions' &&
							/^id in/.test(entry.query.$filter ?? ''),
					);
			const pollsBefore = polls().length;

			const webhook = await n8n.postWebhook('defender-stop-poll', { machineId: device.id });
			assert.equal(webhook.status, 200);
			await waitFor(() => polls().length >= pollsBefore + 1, 30_000, 'the first final-status poll');
			const lastPollAt = polls().at(-1).at;
			await sleep(500);
			const stop = await stopRunning('wfStopPoll');
			const seen = await afterStop(
				stop,
				'Isolate',
				lastPollAt + POLL_INTERVAL_SECONDS * 1000 + LISTEN_PAST_DUE_MS,
			);

			report(
				`stop while polling every ${POLL_INTERVAL_SECONDS} s for the final status, after ${polls().length - pollsBefore} poll(s)`,
				stop,
				seen,
			);
			const isolations = simulator
				.apiRequests()
				.filter(
					(entry) => entry.method === 'POST' && entry.path === `/api/machines/${device.id}/isolate`,
				);
			assert.equal(isolations.length, 1);
			assertStopped(stop, seen);
		});
	});
}
