// End-to-end: examples/skip-protected-devices.json in real n8n against the simulator: a device
// tagged Protected is left alone, the other is isolated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor, loadExamples } from './support/examples.mjs';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const items = (result, nodeName) =>
	result.runData[nodeName]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];

for (const version of VERSIONS) {
	describe(`n8n ${version}: skip protected devices`, { timeout: 30 * 60_000 }, () => {
		let n8n;
		let simulator;
		let devices;
		let workflow;

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
	});
}
