// End-to-end: examples/skip-protected-devices.json in real n8n against the simulator: a device
// tagged Protected is left alone, the other is isolated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor, loadExamples } from './support/examples.mjs';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';
import { ROUTING_TAG, routingProbeWorkflow } from './support/routingAdapter.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const outputOf = (result, nodeName) => result.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
const items = (result, nodeName) => outputOf(result, nodeName).map((item) => item.json);

for (const version of VERSIONS) {
	describe(`n8n ${version}: skip protected devices`, { timeout: 30 * 60_000 }, () => {
		let n8n;
		let simulator;
		let devices;
		let workflow;
		let probe;

		before(async () => {
			const installed = await ensureN8n(version);
			simulator = await startDefenderSimulator({ rateLimit: false });
			devices = simulator.seedMachines(3);
			// The example names desktop-001 and desktop-002; desktop-001 is the protected one.
			devices[1].machineTags = ['VIP', 'Protected'];
			n8n = new N8nInstance(installed, {
				port: await freePort(),
			});
			await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
			workflow = loadExamples()['skip-protected-devices.json'];
			await n8n.importJson('workflow', [workflow]);
			probe = routingProbeWorkflow([devices[2].id, devices[0].id, devices[1].id]);
			await n8n.importJson('workflow', [probe]);
		});

		after(async () => {
			await n8n?.stop();
			await simulator?.close();
			n8n?.assertLoopbackOnly();
		});

		it('isolates the device without the Protected tag and skips the one with it', async () => {
			const result = await n8n.execute(workflow.id);

			assert.equal(result.error, undefined);
			assert.deepEqual(
				items(result, 'Skipped: protected').map((item) => [item.machineId, item.computerDnsName]),
				[[devices[1].id, devices[1].computerDnsName]],
			);
			const isolated = items(result, 'Isolate the device');
			assert.deepEqual(
				isolated.map((action) => [action.type, action.machineId]),
				[['Isolate', devices[2].id]],
			);
			const isolations = simulator
				.apiRequests()
				.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/isolate'));
			assert.deepEqual(
				isolations.map((entry) => [entry.path, JSON.parse(entry.body)]),
				[
					[
						`/api/machines/${devices[2].id}/isolate`,
						{
							Comment: `Isolated by n8n playbook: ${devices[2].computerDnsName} does not carry the Protected tag`,
							IsolationType: 'Full',
						},
					],
				],
			);
		});

		// What nodes/core/routing relies on in this n8n's RoutingNode (test/core/routing checks n8n-core's).
		it("runs the package's routing adapter as nodes/core/routing relies on", async () => {
			const from = simulator.apiRequests().length;
			const result = await n8n.execute(probe.id);

			assert.equal(result.error, undefined);
			const order = [devices[2].id, devices[0].id, devices[1].id];
			const reads = simulator
				.apiRequests()
				.slice(from)
				.filter(
					(entry) => entry.method === 'GET' && /^\/api\/machines\/[0-9a-f]{40}$/.test(entry.path),
				)
				.map((entry) => entry.path.slice('/api/machines/'.length));
			// The items' reads are let through in item order, but run together: under load they can
			// reach the simulator in another order (seen once), so the order is checked on the output.
			assert.deepEqual(
				reads.slice(0, 3).sort(),
				[...order].sort(),
				`n8n ${version}'s RoutingNode no longer runs routing.operations.pagination once per item (nodes/core/routing/handlerHook.ts)`,
			);
			assert.deepEqual(
				outputOf(result, 'Get each device').map((item) => [item.json.id, item.pairedItem]),
				order.map((id, index) => [id, { item: index }]),
				`n8n ${version}'s RoutingNode no longer outputs the handler's items in item order, each paired to its input item (nodes/core/routing/handlerHook.ts)`,
			);
			const batches = simulator
				.apiRequests()
				.slice(from)
				.filter((entry) => entry.path === '/api/machines/AddOrRemoveTagForMultipleMachines')
				.map((entry) => JSON.parse(entry.body));
			assert.deepEqual(
				batches.map((body) => [body.Value, body.Action, [...body.MachineIds].sort()]),
				[[ROUTING_TAG, 'Add', [...order].sort()]],
				`n8n ${version}'s RoutingNode no longer lets one node run gather its items into one batch (nodes/core/routing/itemBatch.ts)`,
			);
			assert.deepEqual(
				items(result, 'Tag them together').map((device) => [
					device.id,
					device.machineTags.includes(ROUTING_TAG),
				]),
				order.map((id) => [id, true]),
			);
		});
	});
}
