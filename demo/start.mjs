// `npm start`: the Defender simulator and a real n8n with this package, a ready credential and the
// examples, so a newcomer can isolate a device, then cancel or release it, from the canvas without a Defender tenant.
import { createServer } from 'node:net';

import simulatorModule from '../dist/simulator/server.js';
import { EXAMPLE_CREDENTIAL, exampleCredentialFor, hasWebhook, loadExamples } from '../e2e/examples.mjs';
import { ensureN8n } from '../e2e/n8nInstall.mjs';
import { N8nInstance } from '../e2e/n8nInstance.mjs';
import { installPackedPackage } from '../e2e/packedPackage.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const N8N_VERSION = process.env.N8N_DEMO_VERSION ?? '2.40.7';
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SIMULATOR_PORT = Number(process.env.SIMULATOR_PORT ?? 3939);
export const DEMO_OWNER = { email: 'demo@example.com', password: 'Defender-demo-1', firstName: 'Demo', lastName: 'Analyst' };

async function assertPortFree(port, what) {
	await new Promise((resolve, reject) => {
		const probe = createServer()
			.once('error', () => reject(new Error(`Port ${port} for ${what} is taken; set ${what === 'n8n' ? 'N8N_PORT' : 'SIMULATOR_PORT'} to another port.`)))
			.listen(port, '127.0.0.1', () => probe.close(resolve));
	});
}

async function main() {
	await assertPortFree(N8N_PORT, 'n8n');
	await assertPortFree(SIMULATOR_PORT, 'the simulator');
	const installed = ensureN8n(N8N_VERSION);
	// Launched actions go InProgress after 5 s and succeed after 30 s, leaving time to cancel one.
	const simulator = await startDefenderSimulator({ port: SIMULATOR_PORT, lifecycle: { inProgressAfterMs: 5_000, finalAfterMs: 30_000 } });
	const devices = simulator.seedMachines(10);
	simulator.seedAlerts(5, { severity: 'Medium' });
	const onDevice = simulator.seed(3, { machineId: devices[0].id, computerDnsName: devices[0].computerDnsName });
	const others = simulator.seed(5, { machineId: 'a3c1'.repeat(10), computerDnsName: 'laptop-042.contoso.local', type: 'RunAntiVirusScan', scope: 'Quick' });

	const n8n = new N8nInstance(installed, { extensionsDir: installPackedPackage(), port: N8N_PORT });
	await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
	const examples = Object.values(loadExamples());
	await n8n.importJson('workflow', examples);
	const alertPlaybook = examples.find((workflow) => workflow.nodes.some((node) => node.type.endsWith('microsoftDefenderEndpointTrigger')));
	for (const workflow of examples) if (hasWebhook(workflow) || workflow === alertPlaybook) await n8n.activate(workflow.id);
	await n8n.start();
	const owner = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(DEMO_OWNER),
	});
	const login = owner.ok ? `Sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}` : 'Create the owner account when asked';

	console.log(
		[
			'',
			`n8n ${N8N_VERSION} with Microsoft Defender for Endpoint is ready: ${n8n.baseUrl}/home/workflows`,
			`  ${login} (a throwaway demo instance; its data lives in ${n8n.userFolder}).`,
			`  Defender simulator: ${simulator.url} (credential "${EXAMPLE_CREDENTIAL.name}" points at it).`,
			'  To create a credential by hand: Environment "Custom",',
			`    API URL ${simulator.url}, Token URL ${simulator.tokenUrl()},`,
			`    Client ID ${DEFAULT_APP.clientId}, Client Secret ${DEFAULT_APP.clientSecret} (the simulator's demo app).`,
			'',
			'Try it:',
			`  - Open "${examples.find((workflow) => !hasWebhook(workflow)).name}" and click "Execute workflow":`,
			`    it cancels the ${onDevice.length} pending actions on desktop-000.`,
			'  - Cancel from a playbook (the alert example is active):',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-alert-closed -H 'Content-Type: application/json' \\`,
			`      -d '{"alertId":"da637","classification":"FalsePositive","closedBy":"you@contoso.com","machineActionId":"${others[0].id}"}'`,
			`  - Other pending actions: ${others.slice(1).map((action) => action.id).join(', ')}`,
			'  - Isolate a device from the canvas: add the node, Resource "Machine", Operation "Isolate", pick a device',
			`    (${devices.slice(0, 3).map((device) => device.computerDnsName).join(', ')}, ...), then cancel the action or release the device.`,
			'  - Isolate the device an alert names (the isolate example is active):',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-isolate-from-alert -H 'Content-Type: application/json' \\`,
			`      -d '{"alertId":"da638","severity":"High","title":"Ransomware","computerDnsName":"${devices[4].computerDnsName}"}'`,
			`  - Raise a High severity alert in the simulator; within a minute "${alertPlaybook.name}"`,
			'    (active) isolates its device and notes it on the alert:',
			`    curl -s -X POST '${simulator.url}/_simulator/alerts/seed?count=1&severity=High'`,
			'',
			'Stop with Ctrl+C.',
		].join('\n'),
	);

	const stop = async () => {
		await n8n.stop();
		await simulator.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
