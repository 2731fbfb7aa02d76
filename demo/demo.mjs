// What `npm start` runs, as a function the browser suite shares: the Defender simulator and a real
// n8n with this package, a ready credential and the examples, with its owner account set up.
import { createServer } from 'node:net';

import simulatorModule from '../dist/simulator/server.js';
import {
	EXAMPLE_CREDENTIAL,
	EXAMPLE_XDR_CREDENTIAL,
	exampleCredentialsFor,
	hasWebhook,
	loadExamples,
} from '../e2e/support/examples.mjs';
import { ensureN8n } from '../e2e/support/n8nInstall.mjs';
import { N8nInstance } from '../e2e/support/n8nInstance.mjs';
import { N8nRest } from '../e2e/support/n8nRest.mjs';
import { installPackedPackage } from '../e2e/support/packedPackage.mjs';

const { DEFAULT_APP, DEMO_LIBRARY_SCRIPT, SAMPLE_SHA256, startDefenderSimulator } = simulatorModule;
export { DEFAULT_APP, EXAMPLE_CREDENTIAL, EXAMPLE_XDR_CREDENTIAL, SAMPLE_SHA256 };
export const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'Defender-demo-1',
	firstName: 'Demo',
	lastName: 'Analyst',
};

async function assertPortFree(port, what, variable) {
	await new Promise((resolve, reject) => {
		const probe = createServer()
			.once('error', () =>
				reject(new Error(`Port ${port} for ${what} is taken; set ${variable} to another port.`)),
			)
			.listen(port, '127.0.0.1', () => probe.close(resolve));
	});
}

/**
 * Starts the simulator (seeded with devices, alerts, pending actions and Graph incidents) and n8n with
 * the packed package, the example credentials and workflows, and the owner account. `stop()` ends both.
 */
export async function startDemo({ version = '2.40.7', n8nPort = 5678, simulatorPort = 3939 } = {}) {
	await assertPortFree(n8nPort, 'n8n', 'N8N_PORT');
	await assertPortFree(simulatorPort, 'the simulator', 'SIMULATOR_PORT');
	const installed = ensureN8n(version);
	// Launched actions go InProgress after 5 s and succeed after 30 s, leaving time to cancel one.
	const simulator = await startDefenderSimulator({
		port: simulatorPort,
		lifecycle: { inProgressAfterMs: 5_000, finalAfterMs: 30_000 },
	});
	const n8n = new N8nInstance(installed, { extensionsDir: installPackedPackage(), port: n8nPort });
	try {
		const devices = simulator.seedMachines(10);
		simulator.seedAlerts(5, { severity: 'Medium' });
		simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
		// A few indicators of each kind, so Indicator → Get Many shows something and a hash can be blocked next to them.
		simulator.seedIndicators();
		// The alert collect-file-from-isolated-device.json names, so it runs as imported.
		simulator.addAlert({
			id: 'da638412345678901234_1234567890',
			severity: 'Medium',
			machineId: devices[1].id,
			title: 'Suspicious PowerShell',
		});
		const onDevice = simulator.seed(3, {
			machineId: devices[0].id,
			computerDnsName: devices[0].computerDnsName,
		});
		const others = simulator.seed(5, {
			machineId: 'a3c1'.repeat(10),
			computerDnsName: 'laptop-042.contoso.local',
			type: 'RunAntiVirusScan',
			scope: 'Quick',
		});

		// Graph's incidents for the XDR node; the last is High, the severity the incident trigger example watches.
		const incidents = [
			...simulator.graph.seedIncidents(3),
			simulator.graph.addIncident({ severity: 'high' }),
		];

		await n8n.importJson('credentials', exampleCredentialsFor(simulator, DEFAULT_APP));
		const examples = Object.values(loadExamples());
		await n8n.importJson('workflow', examples);
		const withNode = (type) =>
			examples.find((workflow) => workflow.nodes.some((node) => node.type.endsWith(type)));
		const alertPlaybook = withNode('microsoftDefenderEndpointTrigger');
		// Left inactive: its polls would land among the requests the browser suite checks.
		const incidentPlaybook = withNode('microsoftDefenderXdrTrigger');
		for (const workflow of examples)
			if (hasWebhook(workflow) || workflow === alertPlaybook) await n8n.activate(workflow.id);
		await n8n.start();
		// A failed setup leaves the owner to the editor's own setup screen.
		const ownerReady = await N8nRest.owner(n8n.baseUrl, DEMO_OWNER).then(
			() => true,
			() => false,
		);
		return {
			version,
			n8n,
			simulator,
			devices,
			onDevice,
			others,
			incidents,
			examples,
			alertPlaybook,
			incidentPlaybook,
			ownerReady,
			async stop() {
				await n8n.stop();
				await simulator.close();
			},
		};
	} catch (error) {
		await n8n.stop();
		await simulator.close();
		throw error;
	}
}
