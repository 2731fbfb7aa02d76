// The importable examples in examples/, pointed at the node type under which n8n loaded the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './packedPackage.mjs';

/** The package's node types (Defender, its trigger, XDR, its trigger) all start with this. */
const PACKAGE_TYPE_PREFIX = 'n8n-nodes-defender-endpoint.';
/** n8n prefixes node types loaded from a custom-extension folder with CUSTOM. */
const CUSTOM_TYPE_PREFIX = 'CUSTOM.';
export const CUSTOM_NODE_TYPE = `${CUSTOM_TYPE_PREFIX}microsoftDefenderEndpoint`;
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

/** `{file name: workflow}`, each with a stable id so it can be executed or activated; `options` replace the Defender nodes' options. */
export function loadExamples(options = {}) {
	const dir = join(repoRoot, 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file, index) => {
				const workflow = JSON.parse(
					readFileSync(join(dir, file), 'utf8').split(PACKAGE_TYPE_PREFIX).join(CUSTOM_TYPE_PREFIX),
				);
				for (const node of workflow.nodes) {
					if (node.type === CUSTOM_NODE_TYPE && node.parameters.options?.waitForFinalStatus)
						Object.assign(node.parameters.options, options);
				}
				return [file, { ...workflow, id: `example${index}`, active: false }];
			}),
	);
}

export const hasWebhook = (workflow) =>
	workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook');
