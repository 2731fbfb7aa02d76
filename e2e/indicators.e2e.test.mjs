// End-to-end: the alert → evidence → indicators, alert pivot and CVE exposure examples in a started
// real n8n with the packed package, against the simulator. Run alone: N8N_E2E_VERSIONS=2.40.7 node --test e2e/indicators.e2e.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import exposureData from '../dist/simulator/stores/exposure/exposureData.js';
import machinesModule from '../dist/simulator/stores/machines.js';
import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor, loadExamples } from './support/examples.mjs';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const { SEEDED_CVES, rowsOf } = exposureData;
const { loggedOnUsersOf } = machinesModule;
const EXAMPLE = 'block-indicators-from-alert.json';
const PIVOT = 'alert-pivot-enrichment.json';
const CVE_REPORT = 'cve-exposure-report.json';

for (const version of VERSIONS) {
	describe(
		`n8n ${version}: the alert and exposure webhook examples`,
		{ timeout: 15 * 60_000 },
		() => {
			let n8n;
			let simulator;
			let alert;
			let machines;
			let seeded;

			before(async () => {
				const installed = await ensureN8n(version);
				simulator = await startDefenderSimulator({ rateLimit: false });
				machines = simulator.seedMachines(4);
				seeded = simulator.seedAlerts(4);
				const [, ransomware, , c2] = seeded;
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
				const examples = loadExamples();
				const shipped = [EXAMPLE, PIVOT, CVE_REPORT].map((file) => examples[file]);
				await n8n.importJson('workflow', shipped);
				for (const example of shipped) await n8n.activate(example.id);
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
				assert.deepEqual(
					sent.map((entry) => entry.indicatorValue).sort(),
					[...files, ...ips].sort(),
				);
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
			it('comments on an alert where its files were seen, with its IPs and user', async () => {
				const response = await n8n.postWebhook('defender-alert-pivot', { alertId: alert.id });
				const answer = await response.json();

				assert.equal(response.status, 200, `${JSON.stringify(answer)}\n${n8n.logTails(40)}`);
				const nameOf = (id) => machines.find((machine) => machine.id === id).computerDnsName;
				const sha1s = new Set(alert.evidence.map((entry) => entry.sha1).filter(Boolean));
				const elsewhere = [...seeded, alert]
					.filter((other) => other.evidence.some((entry) => sha1s.has(entry.sha1)))
					.map((other) => other.machineId)
					.filter((id) => id !== alert.machineId);
				assert.ok(elsewhere.length >= 2, 'the seeded alerts share files across devices');
				assert.deepEqual(answer.otherDevices.sort(), [...new Set(elsewhere.map(nameOf))].sort());
				assert.deepEqual(
					answer.ips,
					alert.evidence.filter((entry) => entry.ipAddress).map((entry) => entry.ipAddress),
				);
				const { domainName, userName } = alert.relatedUser;
				assert.equal(answer.user, `${domainName}\\${userName}`);
				const patches = simulator
					.apiRequests()
					.filter(
						(request) => request.method === 'PATCH' && request.path === `/api/alerts/${alert.id}`,
					);
				assert.equal(patches.length, 1);
				const { comment } = JSON.parse(patches[0].body);
				assert.equal(comment, answer.comment);
				for (const id of elsewhere) assert.ok(comment.includes(` on ${nameOf(id)}`), comment);
				assert.ok(!comment.includes(` on ${nameOf(alert.machineId)}`), comment);
				for (const path of ['files', 'ips', 'user'])
					assert.equal(
						simulator
							.apiRequests()
							.filter((request) => request.path === `/api/alerts/${alert.id}/${path}`).length,
						1,
						path,
					);
			});

			it('reports the devices exposed to a CVE with their latest users, one item per device group', async () => {
				const exposed = (cve) =>
					machines.filter((machine) => rowsOf(machine).some((row) => row.cveId === cve.id));
				const cve = [...SEEDED_CVES].sort((a, b) => exposed(b).length - exposed(a).length)[0];
				assert.ok(exposed(cve).length >= 2, 'a seeded CVE is open on several seeded devices');

				const response = await n8n.postWebhook('defender-cve-exposure', {
					cveId: cve.id.toLowerCase(),
				});
				const groups = await response.json();

				assert.equal(response.status, 200, `${JSON.stringify(groups)}\n${n8n.logTails(40)}`);
				const expected = new Map();
				for (const machine of exposed(cve)) {
					const group = expected.get(machine.rbacGroupName) ?? [];
					group.push(machine);
					expected.set(machine.rbacGroupName, group);
				}
				assert.deepEqual(
					groups.map((group) => group.deviceGroup).sort(),
					[...expected.keys()].sort(),
				);
				for (const group of groups) {
					const devices = expected.get(group.deviceGroup);
					assert.equal(group.cveId, cve.id);
					assert.equal(group.exposedDevices, devices.length);
					assert.deepEqual(group.devices.sort(), devices.map((m) => m.computerDnsName).sort());
					for (const machine of devices) {
						const latest = loggedOnUsersOf(machine)[0];
						assert.ok(
							group.latestUsers.includes(
								`${machine.computerDnsName}: ${latest.id} (last seen ${latest.lastSeen})`,
							),
							JSON.stringify(group.latestUsers),
						);
					}
				}
				const logons = simulator
					.apiRequests()
					.filter((request) => request.path.endsWith('/logonusers'));
				assert.equal(logons.length, exposed(cve).length);
				assert.equal(
					simulator
						.apiRequests()
						.filter(
							(request) => request.path === `/api/vulnerabilities/${cve.id}/machineReferences`,
						).length,
					1,
				);
			});
		},
	);
}
