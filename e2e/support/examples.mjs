// The importable examples in examples/, as shipped: n8n loads the package as a community package, so its
// node types are the published ones and the files run unchanged.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, repoRoot } from './packedPackage.mjs';

/** The Defender node's type as n8n loads the installed package (`<package name>.<node name>`). */
export const DEFENDER_NODE_TYPE = `${PACKAGE_NAME}.microsoftDefenderEndpoint`;
/** The credentials the examples name: Defender's API, and Microsoft Graph for the XDR nodes. */
export const EXAMPLE_CREDENTIAL = { id: 'defenderSimulator', name: 'Defender simulator' };
export const EXAMPLE_XDR_CREDENTIAL = {
	id: 'defenderXdrSimulator',
	name: 'Defender XDR (Graph) simulator',
};

/** Custom environment settings for a running simulator and one of its apps; it serves Defender's and Graph's routes alike. */
const simulatorSettings = (simulator, app) => ({
	environment: 'custom',
	apiUrl: simulator.url,
	tokenUrl: simulator.tokenUrl(),
	applicationId: app.clientId,
	applicationSecret: app.clientSecret,
});

/** The Defender credential as n8n's `import:credentials` takes it, pointed at a running simulator and one of its apps. */
export const exampleCredentialFor = (simulator, app) => ({
	...EXAMPLE_CREDENTIAL,
	type: 'microsoftDefenderEndpointOAuth2Api',
	data: simulatorSettings(simulator, app),
});

/** The XDR (Graph) credential, the same way. */
export const exampleXdrCredentialFor = (simulator, app) => ({
	...EXAMPLE_XDR_CREDENTIAL,
	type: 'microsoftDefenderXdrOAuth2Api',
	data: simulatorSettings(simulator, app),
});

/** Both example credentials, as `import:credentials` takes them. */
export const exampleCredentialsFor = (simulator, app) => [
	exampleCredentialFor(simulator, app),
	exampleXdrCredentialFor(simulator, app),
];

/** A workflow id for an example, the same on every run (n8n keeps ids in varchar(36) columns). */
export const exampleId = (file) =>
	`ex${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;

/**
 * `{file name: workflow}` as the file has it, each with a stable id (from its file name) so it can be
 * executed or activated, and imported again over itself; `options` replace the Defender nodes' options.
 */
export function loadExamples(options = {}) {
	const dir = join(repoRoot, 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => {
				const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
				for (const node of workflow.nodes) {
					if (node.type === DEFENDER_NODE_TYPE && node.parameters.options?.waitForFinalStatus)
						Object.assign(node.parameters.options, options);
				}
				return [file, { ...workflow, id: exampleId(file), active: false }];
			}),
	);
}

export const hasWebhook = (workflow) =>
	workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook');
