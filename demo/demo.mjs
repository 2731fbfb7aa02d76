// What `npm start` runs, as a function the browser suite shares: the Defender simulator and a real
// n8n with this package installed as a community package, ready credentials and the examples, with its
// owner account set up. `npm start` keeps its n8n in a user folder of its own; the suite uses a new one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import simulatorModule from '../dist/simulator/server.js';
import {
	EXAMPLE_CERTIFICATE_CREDENTIAL,
	EXAMPLE_CREDENTIAL,
	EXAMPLE_XDR_CREDENTIAL,
	exampleCertificateCredentialFor,
	exampleCredentialsFor,
	hasWebhook,
	loadExamples,
} from '../e2e/support/examples.mjs';
import { ensureN8n } from '../e2e/support/n8nInstall.mjs';
import { N8nInstance } from '../e2e/support/n8nInstance.mjs';
import { N8nRest } from '../e2e/support/n8nRest.mjs';
import { phase } from '../e2e/support/progress.mjs';
import { demoCertificate } from './certificate.mjs';

const {
	DEFAULT_APP,
	DEMO_INVESTIGATION_COURSE,
	DEMO_LIBRARY_SCRIPT,
	SAMPLE_SHA256,
	startDefenderSimulator,
} = simulatorModule;
export {
	DEFAULT_APP,
	EXAMPLE_CERTIFICATE_CREDENTIAL,
	EXAMPLE_CREDENTIAL,
	EXAMPLE_XDR_CREDENTIAL,
	SAMPLE_SHA256,
};
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

/** Where a kept user folder records what was last imported into it (a hash of the credentials and workflows). */
const SEED_RECORD = 'demo-seed.json';

/**
 * Imports the credentials and workflows (by their fixed ids, so over the last import), unless this user
 * folder holds exactly them already; when it imported, returns what records them as done (call it once
 * the workflows are active).
 */
async function seedN8n(n8n, credentials, workflows, log) {
	const hash = createHash('sha256')
		.update(JSON.stringify({ credentials, workflows }))
		.digest('hex');
	const record = join(n8n.userFolder, SEED_RECORD);
	if (existsSync(record) && JSON.parse(readFileSync(record, 'utf8')).hash === hash) {
		log('# the credentials and example workflows are as the last start left them');
		return undefined;
	}
	await phase(
		`importing ${credentials.length} credentials and ${workflows.length} example workflows with n8n's CLI`,
		async () => {
			await n8n.importJson('credentials', credentials);
			await n8n.importJson('workflow', workflows);
		},
		{ estimate: 'about 30 s on 2 cores', log },
	);
	return () => writeFileSync(record, JSON.stringify({ hash, at: new Date().toISOString() }));
}

/** A session for the demo owner, setting the account up first on a new instance; undefined when neither works. */
async function ownerSession(baseUrl) {
	try {
		return await N8nRest.owner(baseUrl, DEMO_OWNER);
	} catch {
		// An instance kept from an earlier start has its owner already.
		return await N8nRest.signIn(baseUrl, DEMO_OWNER).catch(() => undefined);
	}
}

/**
 * Starts the simulator (seeded with devices, alerts, pending actions and Graph incidents) and n8n with
 * the packed package, the example credentials and workflows, and the owner account. `stop()` ends both.
 * `userFolder` keeps n8n's data there between starts (what `npm start` does); without it, a new temporary
 * folder. The demo app has a certificate registered, and a certificate credential signs in with it:
 * `certificateFolder` keeps its key pair there between starts; without it, one made for this start. `log` gets each phase as it starts and the elapsed time during long ones.
 */
export async function startDemo({
	version = '2.40.7',
	n8nPort = 5678,
	simulatorPort = 3939,
	userFolder,
	certificateFolder,
	log = () => {},
} = {}) {
	await assertPortFree(n8nPort, 'n8n', 'N8N_PORT');
	await assertPortFree(simulatorPort, 'the simulator', 'SIMULATOR_PORT');
	const installed = await ensureN8n(version);
	const certificate = demoCertificate(certificateFolder);
	if (certificateFolder)
		log(
			`# ${certificate.made ? 'made a certificate and key' : 'using the certificate and key kept'} in ${certificateFolder} (thumbprint ${certificate.thumbprint})`,
		);
	log(`# starting the Defender simulator on port ${simulatorPort}`);
	// Launched actions go InProgress after 5 s and succeed after 30 s, leaving time to cancel one.
	const simulator = await startDefenderSimulator({
		port: simulatorPort,
		lifecycle: { inProgressAfterMs: 5_000, finalAfterMs: 30_000 },
		apps: [{ ...DEFAULT_APP, certificates: [certificate.certificatePem] }],
	});
	const n8n = new N8nInstance(installed, { port: n8nPort, userFolder });
	try {
		const devices = simulator.seedMachines(10);
		const [, ransomware] = simulator.seedAlerts(5, { severity: 'Medium' });
		// The same ransomware on a second device, so alert-pivot-enrichment.json finds its files elsewhere.
		const pivotAlert = simulator.addAlert({
			severity: 'Medium',
			machineId: devices[6].id,
			title: ransomware.title,
			evidence: ransomware.evidence,
		});
		simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
		// Started investigations wait for approval after a minute and end remediated after two, so Wait for Final State ends.
		simulator.investigations.course = DEMO_INVESTIGATION_COURSE;
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

		await phase(
			`npm pack, then npm install of the tarball in ${n8n.userFolder}/.n8n/nodes`,
			() => n8n.installPackage(),
			{ log },
		);
		const examples = Object.values(loadExamples());
		const withNode = (type) =>
			examples.find((workflow) => workflow.nodes.some((node) => node.type.endsWith(type)));
		const alertPlaybook = withNode('microsoftDefenderEndpointTrigger');
		// Left inactive: its polls would land among the requests the browser suite checks.
		const incidentPlaybook = withNode('microsoftDefenderXdrTrigger');
		const active = examples.filter(
			(workflow) => hasWebhook(workflow) || workflow === alertPlaybook,
		);
		const credentials = [
			...exampleCredentialsFor(simulator, DEFAULT_APP),
			exampleCertificateCredentialFor(simulator, DEFAULT_APP, certificate),
		];
		const seeded = await seedN8n(n8n, credentials, examples, log);
		await phase(`starting n8n ${version} on port ${n8nPort}`, () => n8n.start(), {
			estimate: 'about 30 s on 2 cores',
			log,
		});
		// A failed setup or sign-in leaves the owner to the editor's own screens.
		const session = await ownerSession(n8n.baseUrl);
		// Through the running n8n, as the editor's Active switch: one CLI run per workflow takes 10 s and more.
		// A kept instance activates what was active when it stopped by itself.
		if (seeded && session) {
			await phase(
				`activating ${active.length} example workflows`,
				async () => {
					for (const workflow of active) await session.activate(workflow.id);
				},
				{ log },
			);
			seeded();
		}
		return {
			version,
			n8n,
			simulator,
			devices,
			onDevice,
			others,
			pivotAlert,
			incidents,
			examples,
			alertPlaybook,
			incidentPlaybook,
			certificate,
			ownerReady: session !== undefined,
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
