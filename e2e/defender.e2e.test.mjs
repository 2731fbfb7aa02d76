// End-to-end: the packed package installed into real n8n releases, run through n8n's CLI and server
// against the Defender simulator. `npm run test:e2e`; N8N_E2E_VERSIONS picks the n8n releases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import simulatorModule from '../dist/simulator/server.js';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort, waitFor } from './support/processes.mjs';
import { chain, defenderNode, node } from './support/workflows.mjs';
import { exampleCredentialsFor, hasWebhook, loadExamples } from './support/examples.mjs';

const {
	DEFAULT_APP,
	DEMO_LIBRARY_SCRIPT,
	SAMPLE_HASH_MACHINES,
	SAMPLE_SHA256,
	startDefenderSimulator,
} = simulatorModule;
const OTHER_MACHINE = 'f'.repeat(40);

const defender = (name, parameters, extra = {}) =>
	defenderNode(name, { resource: 'machineAction', ...parameters }, extra);
const manual = () => node('Manual', 'n8n-nodes-base.manualTrigger', 1, {});
/** Run Live Response of the demo library script on one device, with the When Another Session Is Running default. */
const liveResponseOn = (machineId, comment, options) => ({
	resource: 'machine',
	operation: 'runLiveResponse',
	machineId: { __rl: true, mode: 'id', value: machineId },
	comment,
	commands: {
		command: [{ type: 'RunScript', scriptName: DEMO_LIBRARY_SCRIPT.fileName, arguments: 'case-7' }],
	},
	options,
});
const setFields = (name, fields) =>
	node(name, 'n8n-nodes-base.set', 3.4, {
		assignments: {
			assignments: Object.entries(fields).map(([field, [type, value]], index) => ({
				id: `00000000-0000-4000-8000-00000000000${index}`,
				name: field,
				type,
				value,
			})),
		},
		options: {},
	});

const example = (examples, file) => examples[file] ?? assert.fail(`no example ${file}`);
const commentsOn = (simulator, incident) =>
	simulator.graph.incidents.get(incident.id).comments.map((entry) => entry.comment);

const items = (result, nodeName) =>
	result.runData[nodeName]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];

for (const version of VERSIONS) {
	describe(`n8n ${version}`, { timeout: 30 * 60_000 }, () => {
		let n8n;
		let simulator;
		let seeded;
		let exampleFiles;
		let devices;
		let triageAlert;
		let incidents;

		before(async () => {
			const installed = await ensureN8n(version);
			simulator = await startDefenderSimulator({
				rateLimit: false,
				lifecycle: { inProgressAfterMs: 300, finalAfterMs: 1500 },
				liveResponse: { startAfterMs: 300, commandMs: 500 },
			});
			// Machines 6 to 8 are the ones the simulator's hunting sample saw run SAMPLE_SHA256; no other case touches them.
			devices = simulator.seedMachines(10);
			// High, as the incident trigger's filter: it must still emit none of these, which exist before it first polls.
			incidents = {
				hunted: simulator.graph.addIncident({ severity: 'high' }),
				clean: simulator.graph.addIncident({ severity: 'high' }),
			};
			simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
			// The alert the live response example names, on a device no other case touches.
			triageAlert = simulator.addAlert({
				id: 'da638412345678901234_1234567890',
				severity: 'Medium',
				machineId: devices[5].id,
				title: 'Suspicious PowerShell',
			});
			const other = { machineId: OTHER_MACHINE };
			seeded = {
				cancel: simulator.addAction(other),
				retry: simulator.addAction(other),
				refresh: simulator.addAction(other),
				listed: simulator.seed(3, { machineId: 'e'.repeat(40) }),
				failing: simulator.addAction(other),
				finished: simulator.addAction({ ...other, status: 'Succeeded' }),
				alert: simulator.addAction({ ...other, type: 'RunAntiVirusScan', scope: 'Quick' }),
				request: simulator.addAction(other),
				onExampleMachine: simulator.seed(2, {
					machineId: '059e14a1a5923b1358541a0ca2b775fa769d0e25',
				}),
			};
			n8n = new N8nInstance(installed, {
				port: await freePort(),
			});
			await n8n.importJson('credentials', exampleCredentialsFor(simulator, DEFAULT_APP));
			// The examples poll as a tenant needs (every 15-30 s); the simulator finishes actions in 1.5 s.
			exampleFiles = loadExamples({ pollIntervalSeconds: 0.5 });
			await n8n.importJson('workflow', [
				chain('wfCancel', 'Cancel', [
					manual(),
					defender('Defender', {
						operation: 'cancel',
						machineActionId: seeded.cancel.id,
						comment: 'e2e: false positive',
					}),
				]),
				chain('wfRetry', 'Cancel, rate limited', [
					manual(),
					defender('Defender', {
						operation: 'cancel',
						machineActionId: seeded.retry.id,
						comment: 'e2e: after a 429',
					}),
				]),
				// This item's live response, on a device no other case touches, which another session holds.
				chain('wfBusy', 'Live response on a busy device', [
					manual(),
					defender(
						'Busy Device',
						liveResponseOn(devices[2].id, 'e2e: after the other session', {
							pollIntervalSeconds: 0.5,
						}),
						{ typeVersion: 1.3 },
					),
				]),
				chain('wfGet', 'Get', [
					manual(),
					defender('Defender', { operation: 'get', machineActionId: seeded.refresh.id }),
				]),
				chain('wfList', 'Get Many by machine', [
					manual(),
					setFields('Device', { machineId: ['string', 'e'.repeat(40)] }),
					defender('Defender', {
						operation: 'getAll',
						returnAll: true,
						filters: { machineId: '={{ $json.machineId }}', status: ['Pending'] },
					}),
				]),
				chain('wfErrors', 'Errors as items', [
					manual(),
					setFields('Ids', {
						ids: [
							'array',
							JSON.stringify([
								seeded.failing.id,
								'00000000-1111-4222-8333-444444444444',
								'../machines',
								seeded.finished.id,
							]),
						],
					}),
					node('Split', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'ids', options: {} }),
					defender(
						'Defender',
						{ operation: 'cancel', machineActionId: '={{ $json.ids }}', comment: 'e2e: bulk' },
						{ onError: 'continueRegularOutput' },
					),
				]),
				chain('wfIsolateRelease', 'Isolate, wait, release', [
					manual(),
					defender('Isolate', {
						resource: 'machine',
						operation: 'isolate',
						machineId: { __rl: true, mode: 'name', value: 'desktop-001.contoso.local' },
						comment: 'e2e: contain the device',
						options: { waitForFinalStatus: true, pollIntervalSeconds: 0.5 },
					}),
					defender('Release', {
						resource: 'machine',
						operation: 'unisolate',
						machineId: { __rl: true, mode: 'id', value: '={{ $json.machineId }}' },
						comment: '=e2e: released after {{ $json.id }}',
						options: { waitForFinalStatus: true, pollIntervalSeconds: 0.5 },
					}),
				]),
				...Object.values(exampleFiles),
			]);
		});

		after(async () => {
			await n8n?.stop();
			await simulator?.close();
			n8n?.assertLoopbackOnly();
		});

		it('cancels a machine action from a manual execution of the installed package', async () => {
			const result = await n8n.execute('wfCancel');

			assert.equal(result.error, undefined);
			const [output] = items(result, 'Defender');
			assert.equal(output.id, seeded.cancel.id);
			assert.equal(output.status, 'Cancelled');
			assert.equal(output.cancellationComment, 'e2e: false positive');
			assert.equal(output['@odata.context'], undefined);
			const request = simulator
				.apiRequests()
				.find((entry) => entry.path.endsWith(`${seeded.cancel.id}/cancel`));
			assert.deepEqual(JSON.parse(request.body), { Comment: 'e2e: false positive' });
		});

		it('resolves expressions from earlier nodes into Get Many filters', async () => {
			const result = await n8n.execute('wfList');

			assert.equal(result.error, undefined);
			assert.deepEqual(
				items(result, 'Defender').map((action) => action.id),
				seeded.listed.map((action) => action.id),
			);
			const request = simulator
				.apiRequests()
				.find((entry) => entry.query.$filter?.includes('e'.repeat(40)));
			assert.equal(
				request.query.$filter,
				`status eq 'Pending' and machineId eq '${'e'.repeat(40)}'`,
			);
		});

		it('with continue on fail, turns each failing item into an error item and goes on', async () => {
			const result = await n8n.execute('wfErrors');

			assert.equal(result.error, undefined);
			const outputs = items(result, 'Defender');
			assert.equal(outputs.length, 4);
			assert.equal(outputs[0].status, 'Cancelled');
			assert.match(
				String(outputs[1].error),
				/Device action 00000000-1111-4222-8333-444444444444 was not found/,
			);
			assert.match(String(outputs[2].error), /Device Action ID must be a GUID/);
			assert.match(
				String(outputs[3].error),
				new RegExp(`${seeded.finished.id} is already Succeeded`),
			);
			assert.equal(
				simulator.apiRequests().some((entry) => entry.path.includes('machines')),
				false,
			);
		});

		it('recovers from a 429 by waiting, for Retry-After where n8n passes it on', async () => {
			simulator.injectFault({
				path: /\/cancel$/,
				status: 429,
				headers: { 'Retry-After': '1' },
				times: 1,
			});

			const result = await n8n.execute('wfRetry');

			assert.equal(result.error, undefined);
			assert.equal(items(result, 'Defender')[0].status, 'Cancelled');
			const attempts = simulator
				.apiRequests()
				.filter((entry) => entry.path.endsWith(`${seeded.retry.id}/cancel`));
			assert.deepEqual(
				attempts.map((entry) => entry.status),
				[429, 200],
			);
			// n8n 1.x drops the response headers from its errors, so the node backs off instead.
			if (!version.startsWith('1.')) assert.ok(attempts[1].at - attempts[0].at >= 1000);
		});

		it('lets a 401 reach n8n, which renews the stored token', async () => {
			await n8n.execute('wfGet');
			const tokensBefore = simulator.tokenRequests;
			simulator.expireTokens();

			const result = await n8n.execute('wfGet');

			assert.equal(result.error, undefined);
			assert.equal(items(result, 'Defender')[0].id, seeded.refresh.id);
			assert.equal(simulator.tokenRequests, tokensBefore + 1);
			const gets = simulator
				.apiRequests()
				.filter((entry) => entry.path.endsWith(seeded.refresh.id));
			assert.deepEqual(
				gets.slice(-2).map((entry) => entry.status),
				[401, 200],
			);
		});

		it('isolates a device by name, waits until Defender reports it isolated, then releases it', async () => {
			const result = await n8n.execute('wfIsolateRelease');

			assert.equal(result.error, undefined);
			const [isolated] = items(result, 'Isolate');
			const [released] = items(result, 'Release');
			assert.equal(isolated.machineId, devices[1].id);
			assert.equal(isolated.type, 'Isolate');
			assert.equal(isolated.status, 'Succeeded');
			assert.equal(isolated.reachedFinalStatus, true);
			assert.equal(isolated.alreadyPending, false);
			assert.equal(released.type, 'Unisolate');
			assert.equal(released.status, 'Succeeded');
			assert.equal(released.machineId, devices[1].id);
			const posts = simulator
				.apiRequests()
				.filter(
					(entry) =>
						entry.method === 'POST' && entry.path.startsWith(`/api/machines/${devices[1].id}/`),
				);
			assert.deepEqual(
				posts.map((entry) => [entry.path.split('/').pop(), JSON.parse(entry.body)]),
				[
					['isolate', { Comment: 'e2e: contain the device', IsolationType: 'Full' }],
					['unisolate', { Comment: `e2e: released after ${isolated.id}` }],
				],
			);
		});

		it('runs the example that collects an investigation package and downloads it without the Defender token', async () => {
			const [, workflow] = Object.entries(exampleFiles).find(
				([file]) => file === 'collect-investigation-package.json',
			);
			const downloadsBefore = simulator.downloadRequests.length;

			const result = await n8n.execute(workflow.id);

			assert.equal(result.error, undefined);
			const [collected] = items(result, 'Collect the package');
			assert.equal(collected.status, 'Succeeded');
			assert.equal(collected.machineId, devices[0].id);
			const download = result.runData['Download the package'][0].data.main[0][0];
			assert.equal(download.json.machineActionId, collected.id);
			assert.ok(download.json.fileSize > 0);
			assert.equal(download.binary.package.mimeType, 'application/zip');
			assert.equal(download.binary.package.fileName, `investigation-package-${collected.id}.zip`);
			const downloads = simulator.downloadRequests.slice(downloadsBefore);
			assert.equal(downloads.length, 1);
			assert.equal(downloads[0].headers.authorization, undefined);
		});

		it('runs the live response example: isolates, runs the library script, collects the file it wrote, without the token on the download host', async () => {
			const [, workflow] = Object.entries(exampleFiles).find(
				([file]) => file === 'collect-file-from-isolated-device.json',
			);
			const device = devices[5];
			const downloadsBefore = simulator.downloadRequests.length;

			const result = await n8n.execute(workflow.id);

			assert.equal(result.error, undefined);
			const posts = simulator
				.apiRequests()
				.filter(
					(entry) =>
						entry.method === 'POST' && entry.path.startsWith(`/api/machines/${device.id}/`),
				);
			assert.deepEqual(
				posts.map((entry) => entry.path.split('/').pop()),
				['isolate', 'runliveresponse'],
			);
			assert.deepEqual(JSON.parse(posts[1].body), {
				Comment: `Triage for alert ${triageAlert.id}, run by n8n`,
				Commands: [
					{
						type: 'RunScript',
						params: [
							{ key: 'ScriptName', value: 'collect-triage.ps1' },
							{ key: 'Args', value: triageAlert.id },
						],
					},
					{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Windows\\Temp\\triage.txt' }] },
				],
			});
			const [action] = items(result, 'Run the triage script and collect its report');
			assert.deepEqual(
				[action.status, action.commandResults.map((command) => command.commandStatus)],
				['Succeeded', ['Completed', 'Completed']],
			);
			const downloads = simulator.downloadRequests.slice(downloadsBefore);
			assert.deepEqual(
				downloads.map((entry) => [entry.path, entry.status]),
				[
					[`/liveresponse/${action.id}-0`, 200],
					[`/liveresponse/${action.id}-1`, 200],
				],
			);
			assert.ok(
				downloads.every(
					(entry) =>
						entry.headers.authorization === undefined &&
						!/token/i.test(JSON.stringify(entry.query)),
				),
			);

			const [triage] = result.runData['Triage result'][0].data.main[0];
			const scriptLines = triage.json.scriptOutput.split('\n').slice(1, -1);
			assert.deepEqual(
				{ ...triage.json, scriptOutput: undefined },
				{
					alertId: triageAlert.id,
					computerDnsName: device.computerDnsName,
					liveResponseActionId: action.id,
					liveResponseStatus: 'Succeeded',
					scriptExitCode: 0,
					scriptOutput: undefined,
					scriptErrors: '',
					reportFile: 'report_1',
				},
			);
			assert.equal(
				scriptLines[0],
				`Triage of ${device.computerDnsName.split('.')[0]} for case ${triageAlert.id}`,
			);
			assert.doesNotMatch(triage.json.scriptOutput, /\u0000/);
			const report = triage.binary.report_1;
			assert.deepEqual([report.fileName, report.mimeType], ['triage.txt', 'text/plain']);
			// The report is what the script printed before it saved it.
			assert.equal(n8n.binaryBytes(report).toString('utf8'), `${scriptLines.join('\r\n')}\r\n`);

			const notes = simulator.alerts.get(triageAlert.id).comments.map((entry) => entry.comment);
			assert.deepEqual(notes, [
				`Device isolated and triaged by n8n (live response ${action.id}, Succeeded): collect-triage.ps1 exited with 0, triage.txt collected (${action.commandResults[1].fileSize} bytes)`,
			]);
		});

		it("runs live response on a busy device with the default option: waits for the other session, then runs the item's own commands", async () => {
			const device = devices[2];
			const other = simulator.addAction({
				type: 'LiveResponse',
				machineId: device.id,
				computerDnsName: device.computerDnsName,
				status: 'InProgress',
				requestor: 'analyst@contoso.com',
			});
			const launches = () =>
				simulator
					.apiRequests()
					.filter((entry) => entry.path === `/api/machines/${device.id}/runliveresponse`);

			const running = n8n.execute('wfBusy');
			// Defender refuses the item's launch while the other session runs; once the node polls the
			// other session's status (it is waiting for it), the analyst's session ends.
			await waitFor(
				() =>
					launches().some((entry) => entry.status === 400) &&
					simulator
						.apiRequests()
						.some(
							(entry) =>
								entry.path === '/api/machineactions' &&
								String(entry.query.$filter).startsWith('id in (') &&
								String(entry.query.$filter).includes(other.id),
						),
				120_000,
				'the node to wait for the other session after its launch was refused',
			);
			simulator.setActionStatus(other.id, 'Succeeded');
			const result = await running;

			assert.equal(result.error, undefined);
			const [own] = items(result, 'Busy Device');
			assert.notEqual(own.id, other.id);
			assert.equal(own.commandsFrom, 'thisItem');
			assert.equal(own.status, 'Succeeded');
			assert.equal(own.requestorComment, 'e2e: after the other session');
			assert.deepEqual(own.waitedForSessions, [{ id: other.id, status: 'Succeeded' }]);
			assert.equal(own.commandResults[0].commandStatus, 'Completed');
			assert.equal(own.commandResults[0].exitCode, 0);
			assert.deepEqual(
				launches().map((entry) => entry.status),
				[400, 201],
			);
		});

		it("runs the example that lists a device's pending actions and cancels them", async () => {
			const [, workflow] = Object.entries(exampleFiles).find(
				([file]) => file === 'cancel-pending-for-machine.json',
			);
			const pendingOnDevice = [...simulator.actions.values()].filter(
				(action) =>
					action.machineId === '059e14a1a5923b1358541a0ca2b775fa769d0e25' &&
					action.status === 'Pending',
			);

			const result = await n8n.execute(workflow.id);

			assert.equal(result.error, undefined);
			const cancelled = items(result, 'Cancel each');
			assert.deepEqual(
				cancelled.map((action) => action.id).sort(),
				pendingOnDevice.map((action) => action.id).sort(),
			);
			assert.ok(
				cancelled.every(
					(action) => action.status === 'Cancelled' && action.reachedFinalStatus === true,
				),
			);
		});

		it('runs the webhook examples, the alert trigger and the incident trigger examples in a started n8n, as a SOAR playbook would', async () => {
			const [, alertPlaybook] = Object.entries(exampleFiles).find(
				([file]) => file === 'isolate-on-high-severity-alert.json',
			);
			const incidentPlaybook = example(exampleFiles, 'comment-on-new-incident.json');
			for (const workflow of Object.values(exampleFiles)) {
				if (hasWebhook(workflow) || workflow === alertPlaybook || workflow === incidentPlaybook)
					await n8n.activate(workflow.id);
			}
			const alertPolls = () =>
				simulator
					.apiRequests()
					.filter((entry) => entry.method === 'GET' && entry.path === '/api/alerts');
			const incidentPolls = () =>
				simulator
					.graphRequests()
					.filter((entry) => entry.method === 'GET' && entry.path === '/v1.0/security/incidents');
			await n8n.start();
			// Each trigger polls once when n8n activates it: it notes what there is, and emits none.
			await waitFor(
				() => alertPolls().length >= 1 && incidentPolls().length >= 1,
				60_000,
				"the triggers' first polls",
			);
			const newIncident = {
				high: simulator.graph.addIncident({ severity: 'high' }),
				low: simulator.graph.addIncident({ severity: 'low' }),
			};
			simulator.seedAlerts(2, {
				severity: 'Low',
				machineId: devices[3].id,
				computerDnsName: devices[3].computerDnsName,
			});
			const highAlert = simulator.addAlert({
				severity: 'High',
				machineId: devices[3].id,
				computerDnsName: devices[3].computerDnsName,
				title: 'Ransomware behaviour',
			});

			const alert = await n8n.postWebhook('defender-alert-closed', {
				alertId: 'da637',
				classification: 'FalsePositive',
				closedBy: 'analyst@contoso.com',
				machineActionId: seeded.alert.id,
			});
			const cancelled = await alert.json();
			assert.equal(alert.status, 200);
			assert.equal(cancelled.id, seeded.alert.id);
			assert.equal(cancelled.status, 'Cancelled');
			assert.equal(
				cancelled.cancellationComment,
				'Alert da637 closed as FalsePositive by analyst@contoso.com: action no longer needed',
			);

			const isolation = await n8n.postWebhook('defender-isolate-from-alert', {
				alertId: 'da638',
				severity: 'High',
				title: 'Ransomware behaviour detected',
				computerDnsName: devices[2].computerDnsName,
			});
			const isolated = await isolation.json();
			assert.equal(isolation.status, 200);
			assert.equal(isolated.machineId, devices[2].id);
			assert.equal(isolated.status, 'Succeeded');
			assert.equal(isolated.reachedFinalStatus, true);
			assert.equal(
				isolated.requestorComment,
				'Isolated by n8n playbook: alert da638 (High) Ransomware behaviour detected',
			);

			const refused = await n8n.postWebhook('defender-cancel-request', {
				machineActionId: `${seeded.request.id}/../x`,
				reason: 'wrong device',
				requestedBy: 'bob',
			});
			assert.match(String((await refused.json()).error), /Device Action ID must be a GUID/);

			const accepted = await n8n.postWebhook('defender-cancel-request', {
				machineActionId: seeded.request.id,
				reason: 'wrong device',
				requestedBy: 'bob',
			});
			const response = await accepted.json();
			assert.equal(response.status, 'Cancelled');
			assert.equal(response.cancellationComment, 'wrong device (requested by bob)');

			// The next minute's poll emits the High alert once: its device is isolated and the alert noted.
			const isolationsOf = () =>
				simulator
					.apiRequests()
					.filter(
						(entry) =>
							entry.method === 'POST' && entry.path === `/api/machines/${devices[3].id}/isolate`,
					);
			// Two minute polls, plus room for a loaded machine on which n8n's poll timer runs late.
			await waitFor(
				() => simulator.alerts.get(highAlert.id).status === 'InProgress',
				240_000,
				'the alert playbook to run',
			);
			const pollsAfterRun = alertPolls().length;
			await waitFor(() => alertPolls().length > pollsAfterRun, 90_000, "the trigger's next poll");
			assert.equal(isolationsOf().length, 1);
			assert.equal(
				JSON.parse(isolationsOf()[0].body).Comment,
				`Isolated by n8n: High alert ${highAlert.id} (Ransomware behaviour)`,
			);
			const notes = simulator.alerts.get(highAlert.id).comments.map((entry) => entry.comment);
			assert.equal(notes.length, 1);
			assert.match(notes[0], /^Device isolated by n8n \(device action [0-9a-f-]{36}, Succeeded\)$/);

			// In the same minutes, the incident trigger emitted the new High incident once, and nothing else.
			const { high } = newIncident;
			const commentPosts = () =>
				simulator
					.graphRequests()
					.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/comments'));
			await waitFor(() => commentPosts().length >= 1, 120_000, 'the incident playbook to run');
			const commented = commentPosts()[0].at;
			await waitFor(
				() => incidentPolls().some((entry) => entry.at > commented),
				90_000,
				"the incident trigger's next poll",
			);
			// A repeat would comment within moments of that poll.
			await delay(3000);
			assert.deepEqual(
				commentPosts().map((entry) => entry.path),
				[`/v1.0/security/incidents/${high.id}/comments`],
			);
			assert.deepEqual(commentsOn(simulator, high), [
				`Picked up by n8n: new high severity incident ${high.id} (${high.displayName}), created ${high.createdDateTime}`,
			]);
			for (const incident of [newIncident.low, incidents.hunted, incidents.clean])
				assert.deepEqual(commentsOn(simulator, incident), []);
			assert.match(
				incidentPolls()[0].query.$filter,
				/^severity eq 'high' and createdDateTime ge \d{4}-\d\d-\d\dT[\d:.]+Z$/,
			);
		});

		it('runs the hunt example: hunts the hash over 7 days, isolates each device that ran it once, notes them on the incident and answers', async () => {
			const sawHash = SAMPLE_HASH_MACHINES.map((index) => devices[index]);
			const incidentId = incidents.hunted.id;
			const from = simulator.requests.length;

			const response = await n8n.postWebhook('defender-hunt-hash', {
				incidentId,
				sha256: SAMPLE_SHA256.toUpperCase(),
			});

			assert.equal(response.status, 200);
			const answer = await response.json();
			const sent = simulator.requests.slice(from);
			assert.deepEqual(
				sent
					.filter((entry) => entry.path === '/v1.0/security/runHuntingQuery')
					.map((entry) => JSON.parse(entry.body)),
				[
					{
						Query: `DeviceProcessEvents | where SHA256 =~ "${SAMPLE_SHA256}" | project DeviceId, DeviceName, Timestamp`,
						Timespan: 'P7D',
					},
				],
			);
			// The sample saw the hash twice on the first device: still one isolation each (launched in any order).
			const comment = `Isolated by n8n for incident ${incidentId}: SHA256 ${SAMPLE_SHA256} ran on this device in the last 7 days`;
			const byPath = (a, b) => a[0].localeCompare(b[0]);
			assert.deepEqual(
				sent
					.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/isolate'))
					.map((entry) => [entry.path, JSON.parse(entry.body)])
					.sort(byPath),
				sawHash
					.map((device) => [
						`/api/machines/${device.id}/isolate`,
						{ Comment: comment, IsolationType: 'Full' },
					])
					.sort(byPath),
			);
			const isolations = sawHash.map((device) =>
				[...simulator.actions.values()].find(
					(action) => action.machineId === device.id && action.type === 'Isolate',
				),
			);
			const note = `n8n hunt: SHA256 ${SAMPLE_SHA256} ran on 3 device(s) in the last 7 days; isolated: ${isolations
				.map((action) => `${action.computerDnsName} (Succeeded, device action ${action.id})`)
				.join(', ')}`;
			assert.deepEqual(answer, {
				incidentId,
				sha256: SAMPLE_SHA256,
				devices: isolations.map((action, index) => ({
					deviceId: sawHash[index].id,
					deviceName: sawHash[index].computerDnsName,
					machineActionId: action.id,
					status: 'Succeeded',
				})),
				comment: note,
			});
			assert.deepEqual(commentsOn(simulator, incidents.hunted), [note]);
		});

		it('the hunt example answers a hash no device ran without isolating, and refuses a malformed hash or incident ID before hunting', async () => {
			const from = simulator.requests.length;
			const clean = 'b'.repeat(64);

			const none = await n8n.postWebhook('defender-hunt-hash', {
				incidentId: incidents.clean.id,
				sha256: clean,
			});

			assert.equal(none.status, 200);
			const note = `n8n hunt: SHA256 ${clean} was not seen on any device in the last 7 days; no device isolated.`;
			assert.deepEqual(await none.json(), {
				incidentId: incidents.clean.id,
				sha256: clean,
				devices: [],
				comment: note,
			});
			assert.deepEqual(commentsOn(simulator, incidents.clean), [note]);
			// The triggers keep polling meanwhile: only a POST would be the playbook's.
			const posts = (since) =>
				simulator.requests
					.slice(since)
					.filter((entry) => entry.method === 'POST' && !entry.path.includes('/oauth2/'))
					.map((entry) => entry.path);
			assert.deepEqual(posts(from), [
				'/v1.0/security/runHuntingQuery',
				`/v1.0/security/incidents/${incidents.clean.id}/comments`,
			]);

			const afterClean = simulator.requests.length;
			for (const body of [
				{ incidentId: incidents.clean.id, sha256: `${clean}" | take 1` },
				{ incidentId: `${incidents.clean.id}/../x`, sha256: clean },
				{ sha256: clean },
			]) {
				const refused = await n8n.postWebhook('defender-hunt-hash', body);
				const answer = await refused.text();
				// A 500 here was seen once with no log kept: n8n's log tails say why if it recurs.
				assert.equal(refused.status, 400, `${answer}\n${n8n.logTails(40)}`);
				assert.match(
					JSON.parse(answer).error,
					/incidentId \(the Microsoft Graph incident ID, digits\) and sha256 \(64 hexadecimal characters\)/,
				);
			}
			assert.deepEqual(posts(afterClean), []);
			assert.deepEqual(commentsOn(simulator, incidents.clean), [note]);
		});
	});
}
