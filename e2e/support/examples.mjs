// The importable examples in examples/, pointed at the node type under which n8n loaded the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './packedPackage.mjs';

export const PACKAGE_NODE_TYPE = 'n8n-nodes-defender-endpoint.microsoftDefenderEndpoint';
/** n8n prefixes node types loaded from a custom-extension folder with CUSTOM. */
export const CUSTOM_NODE_TYPE = 'CUSTOM.microsoftDefenderEndpoint';
/** The credential the examples name. */
export const EXAMPLE_CREDENTIAL = { id: 'defenderSimulator', name: 'Defender simulator' };

/** That credential as n8n's `import:credentials` takes it, pointed at a running simulator and one of its apps. */
export const exampleCredentialFor = (simulator, app) => ({
	...EXAMPLE_CREDENTIAL,
	type: 'microsoftDefenderEndpointOAuth2Api',
	data: {
		environment: 'custom',
		apiUrl: simulator.url,
		tokenUrl: simulator.tokenUrl(),
		applicationId: app.clientId,
		applicationSecret: app.clientSecret,
	},
});

/** `{file name: workflow}`, each with a stable id so it can be executed or activated; `options` replace the Defender nodes' options. */
export function loadExamples({ nodeType = CUSTOM_NODE_TYPE, ...options } = {}) {
	const dir = join(repoRoot, 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file, index) => {
				const workflow = JSON.parse(
					readFileSync(join(dir, file), 'utf8').split(PACKAGE_NODE_TYPE).join(nodeType),
				);
				for (const node of workflow.nodes) {
					if (node.type === nodeType && node.parameters.options?.waitForFinalStatus)
						Object.assign(node.parameters.options, options);
				}
				return [file, { ...workflow, id: `example${index}`, active: false }];
			}),
	);
}

export const hasWebhook = (workflow) =>
	workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook');
