// End-to-end: the alert → evidence → indicators example in a started real n8n with the packed package,
// against the simulator. Run alone: N8N_E2E_VERSIONS=2.40.7 node --test e2e/indicators.e2e.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor, loadExamples } from './support/examples.mjs';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const EXAMPLE = 'block-indicators-from-alert.json';

for (const version of VERSIONS) {
	describe(`n8n ${version}: block what an alert's attacker used`, { timeout: 15 * 60_000 }, () => {
		let n8n;
		let simulator;
		let alert;

		before(async () => {
			const installed = await ensureN8n(version);
			simulator = await startDefenderSimulator({ rateLimit: false });
			simulator.seedMachines(4);
			const [, ransomware, , c2] = simulator.seedAlerts(4);
			// One alert with two files, an IP, a process and a user: only the files and the IP are blocked.
			alert = simulator.addAlert({
				title: 'Ransomware with C2 beacon',
				evidence: [
					...ransomware.evidence,
					...c2.evidence,
					{
						...ransomware.evidence.find((e) => e.entityType === 'File'),
						sha256: 'e'.repeat(64),
						fileName: 'dropper.exe',
					},
				],
			});
			n8n = new N8nInstance(installed, {
				port: await freePort(),
			});
			await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
			const example = loadExamples()[EXAMPLE];
			await n8n.importJson('workflow', [example]);
			await n8n.activate(example.id);
			await n8n.start();
		});

		after(async () => {
			await n8n?.stop();
			await simulator?.close();
			n8n?.assertLoopbackOnly();
		});

		it('turns the files and IP addresses of the alert into indicators with one import call', async () => {
			const response = await n8n.postWebhook('defender-block-from-alert', { alertId: alert.id });
			const results = await response.json();

			assert.equal(response.status, 200, `${JSON.stringify(results)}\n${n8n.logTails(40)}`);
			const files = alert.evidence
				.filter((entry) => entry.entityType === 'File')
				.map((entry) => entry.sha256);
			const ips = alert.evidence
				.filter((entry) => entry.entityType === 'Ip')
				.map((entry) => entry.ipAddress);
			assert.deepEqual(
				results.map((result) => [result.indicatorType, result.indicatorValue, result.isFailed]),
				alert.evidence
					.filter((entry) => entry.entityType === 'File' || entry.entityType === 'Ip')
					.map((entry) =>
						entry.entityType === 'Ip'
							? ['IpAddress', entry.ipAddress, false]
							: ['FileSha256', entry.sha256, false],
					),
			);
			const imports = simulator
				.apiRequests()
				.filter((request) => request.path === '/api/indicators/import');
			assert.equal(imports.length, 1);
			const sent = JSON.parse(imports[0].body).Indicators;
			assert.deepEqual(sent.map((entry) => entry.indicatorValue).sort(), [...files, ...ips].sort());
			for (const entry of sent) {
				assert.equal(entry.action, 'Block');
				assert.equal(entry.title, 'Blocked by n8n: Ransomware with C2 beacon');
				assert.match(
					entry.description,
					new RegExp(
						`^Evidence \\((file|IP) .+\\) of Defender alert ${alert.id}, blocked by an n8n playbook$`,
					),
				);
				const days = (Date.parse(entry.expirationTime) - Date.now()) / 86_400_000;
				assert.ok(days > 29 && days <= 30, entry.expirationTime);
			}
			const stored = [...simulator.indicators.values()];
			assert.deepEqual(
				results.map((result) => result.id),
				results.map(
					(result) =>
						stored.find((indicator) => indicator.indicatorValue === result.indicatorValue).id,
				),
			);
			assert.deepEqual(
				sent.map((entry) => entry.indicatorValue),
				results.map((result) => result.indicatorValue),
			);
		});
	});
}
