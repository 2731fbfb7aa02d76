// `npm start`: the Defender simulator and a real n8n with this package, ready credentials and the
// examples, so a newcomer can isolate a device, then cancel or release it, hunt a hash or close an
// incident, from the canvas without a Defender tenant. n8n's data is kept in .cache/demo/n8n, and the
// demo app's certificate and key in .cache/demo/certificate, between starts; `npm start -- --fresh`
// starts from an empty n8n and a new certificate.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { hasWebhook } from '../e2e/support/examples.mjs';
import { repoRoot } from '../e2e/support/packedPackage.mjs';
import { phase, seconds } from '../e2e/support/progress.mjs';

const execFileAsync = promisify(execFile);

/** The demo's n8n user folder, kept between starts (N8N_DEMO_FOLDER to put it elsewhere). */
export const DEMO_FOLDER = process.env.N8N_DEMO_FOLDER ?? join(repoRoot, '.cache', 'demo', 'n8n');
/** The demo app's certificate.pem and private-key.pem, kept between starts (N8N_DEMO_CERTIFICATE_FOLDER to put them elsewhere). */
export const CERTIFICATE_FOLDER =
	process.env.N8N_DEMO_CERTIFICATE_FOLDER ?? join(repoRoot, '.cache', 'demo', 'certificate');

/** `npm run build` (TypeScript into dist/), printing its output only when it fails. */
async function build() {
	try {
		await execFileAsync('npm', ['run', 'build'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
	} catch (error) {
		throw new Error(`npm run build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
	}
}

async function main() {
	const started = Date.now();
	console.log(
		'# npm start: the Defender simulator and n8n with this package. The first start installs n8n into\n' +
			'#   .cache/n8n (measured times: README, "Try it without a Defender tenant"); later starts reuse it.',
	);
	await phase('building the package with npm run build', build, {
		estimate: 'under a minute on 2 cores',
	});
	// dist/ exists only now: the demo imports the built simulator.
	const {
		DEFAULT_APP,
		DEMO_OWNER,
		EXAMPLE_CERTIFICATE_CREDENTIAL,
		EXAMPLE_CREDENTIAL,
		EXAMPLE_XDR_CREDENTIAL,
		SAMPLE_SHA256,
		startDemo,
	} = await import('./demo.mjs');
	const fresh = process.argv.includes('--fresh');
	if (fresh) {
		console.log(
			`# --fresh: removing the kept n8n data in ${DEMO_FOLDER} and the certificate in ${CERTIFICATE_FOLDER}`,
		);
		rmSync(DEMO_FOLDER, { recursive: true, force: true });
		rmSync(CERTIFICATE_FOLDER, { recursive: true, force: true });
	}
	const demo = await startDemo({
		version: process.env.N8N_DEMO_VERSION ?? '2.40.7',
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
		simulatorPort: Number(process.env.SIMULATOR_PORT ?? 3939),
		userFolder: DEMO_FOLDER,
		certificateFolder: CERTIFICATE_FOLDER,
		log: console.log,
	});
	const { n8n, simulator, devices, onDevice, others, pivotAlert, incidents, examples } = demo;
	const { alertPlaybook, incidentPlaybook, certificate } = demo;
	const login = demo.ownerReady
		? `Sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`
		: 'Sign in with the owner account set up in this n8n, or create one when asked';

	console.log(
		[
			'',
			`n8n ${demo.version} with Microsoft Defender for Endpoint is ready (started in ${seconds(Date.now() - started)}): ${n8n.baseUrl}/home/workflows`,
			`  ${login}. Your workflows, credentials and executions are kept in ${n8n.userFolder}`,
			'  for the next start; `npm start -- --fresh` starts from an empty n8n. The example workflows are imported',
			'  again only when examples/ changed (over the earlier copies, by their ids).',
			`  Defender simulator: ${simulator.url} (credentials "${EXAMPLE_CREDENTIAL.name}", "${EXAMPLE_XDR_CREDENTIAL.name}"`,
			`    and "${EXAMPLE_CERTIFICATE_CREDENTIAL.name}" point at it).`,
			'  n8n runs with its outbound features off and reaches loopback only (e2e/support/loopbackGuard.cjs).',
			'  To create a credential by hand: Environment "Custom",',
			`    API URL ${simulator.url}, Token URL ${simulator.tokenUrl()},`,
			`    Client ID ${DEFAULT_APP.clientId}, Client Secret ${DEFAULT_APP.clientSecret} (the simulator's demo app);`,
			'    the XDR (Graph) credential takes the same values, the API URL as its Graph URL.',
			`  The demo app also has a certificate registered (thumbprint ${certificate.thumbprint}); its files, kept for`,
			`    the next start (\`--fresh\` makes a new pair): ${certificate.certificateFile}`,
			`    and ${certificate.privateKeyFile} (the private key).`,
			'',
			'Try it:',
			`  - Open "${examples.find((workflow) => !hasWebhook(workflow)).name}" and click "Execute workflow":`,
			`    it cancels the ${onDevice.length} pending actions on desktop-000.`,
			'  - Cancel from a playbook (the alert example is active):',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-alert-closed -H 'Content-Type: application/json' \\`,
			`      -d '{"alertId":"da637","classification":"FalsePositive","closedBy":"you@contoso.com","machineActionId":"${others[0].id}"}'`,
			`  - Other pending actions: ${others
				.slice(1)
				.map((action) => action.id)
				.join(', ')}`,
			'  - Isolate a device from the canvas: add the node, Resource "Device", Operation "Isolate", pick a device',
			`    (${devices
				.slice(0, 3)
				.map((device) => device.computerDnsName)
				.join(', ')}, ...), then cancel the action or release the device.`,
			'  - Isolate the device an alert names (the isolate example is active):',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-isolate-from-alert -H 'Content-Type: application/json' \\`,
			`      -d '{"alertId":"da638","severity":"High","title":"Ransomware","computerDnsName":"${devices[4].computerDnsName}"}'`,
			'  - Comment on an alert where its files were seen on other devices, with its IPs and user:',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-alert-pivot -H 'Content-Type: application/json' -d '{"alertId":"${pivotAlert.id}"}'`,
			'  - The devices exposed to a CVE, their latest users, one summary per device group:',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-cve-exposure -H 'Content-Type: application/json' -d '{"cveId":"CVE-2024-32002"}'`,
			'  - An automated investigation from the canvas: Resource "Device", Operation "Start Automated Investigation",',
			'    then Resource "Investigation", Operation "Wait for Final State" with its ID: the simulator has it wait',
			'    for approval after a minute (Stop at Pending Approval ends there) and end remediated after two.',
			'  - Live response from the canvas: Resource "Device", Operation "Run Live Response", pick a device,',
			'    add the commands Run Script "collect-triage.ps1" and Get File "C:\\Windows\\Temp\\triage.txt": the output has',
			"    the script's output and the report as a binary file.",
			'    Or open "Defender: isolate an alert\'s device, run a triage script ..." and click "Execute workflow".',
			`  - Raise a High severity alert in the simulator; within a minute "${alertPlaybook.name}"`,
			'    (active) isolates its device and notes it on the alert:',
			`    curl -s -X POST '${simulator.url}/_simulator/alerts/seed?count=1&severity=High'`,
			'  - Microsoft Defender XDR from the canvas: add the node, Hunting → Run Query, Timespan P7D, Query',
			`    DeviceProcessEvents | where SHA256 == "${SAMPLE_SHA256}" | project DeviceId, DeviceName, Timestamp`,
			`    or Incident → Update one of ${incidents.map((incident) => incident.id).join(', ')} to Status "Resolved" with a Classification.`,
			'  - Hunt that hash and isolate each device that ran it, noted on an incident (the hunt example is active;',
			'    it answers once the devices are isolated, about 30 s):',
			`    curl -s -X POST ${n8n.baseUrl}/webhook/defender-hunt-hash -H 'Content-Type: application/json' \\`,
			`      -d '{"incidentId":"${incidents[0].id}","sha256":"${SAMPLE_SHA256}"}'`,
			`  - Open "${incidentPlaybook.name}"`,
			`    and click "Execute workflow": it comments on the latest High incident (${incidents.at(-1).id}).`,
			'    Or make it active and raise a new High incident; within a minute it comments on it once:',
			`    curl -s -X POST '${simulator.url}/_simulator/incidents/seed?severity=high'`,
			'  - Sign in with a certificate instead of a secret: add the node, Authentication "Certificate or Federated',
			`    Token File", Credential "${EXAMPLE_CERTIFICATE_CREDENTIAL.name}" (ready), Resource "Device", Operation`,
			'    "Get Many", and execute it. To make that credential by hand: Microsoft Defender for Endpoint',
			'    (Certificate or Federated Token) API, Environment "Custom", the API URL, Token URL and Client ID above,',
			'    Sign In With "Certificate", and paste the two files\' contents into Certificate and Private Key.',
			'',
			'Stop with Ctrl+C.',
		].join('\n'),
	);

	const stop = async () => {
		await demo.stop();
		const attempts = n8n.outboundAttempts();
		if (attempts.length > 0)
			console.error(`n8n tried to reach beyond loopback (refused):\n${attempts.join('\n')}`);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
