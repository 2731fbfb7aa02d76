/** What every benchmark scenario process shares: its credentials, the HTTP Request node, its measures, its main. */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { DEFAULT_APP } from '../simulator/server';
import { registerTypes } from '../test/harness/engine';

const SCOPE = 'https://api.securitycenter.microsoft.com/.default';

/** This node's credential against the simulator (Custom environment). */
const nodeCredential = (apiUrl: string, tokenUrl: string): ICredentialDataDecryptedObject => ({
	environment: 'custom',
	apiUrl,
	tokenUrl,
	applicationId: DEFAULT_APP.clientId,
	applicationSecret: DEFAULT_APP.clientSecret,
});

/** n8n's generic OAuth2 credential as a user would set it up for the HTTP Request node. */
const httpCredential = (tokenUrl: string): ICredentialDataDecryptedObject => ({
	grantType: 'clientCredentials',
	accessTokenUrl: tokenUrl,
	clientId: DEFAULT_APP.clientId,
	clientSecret: DEFAULT_APP.clientSecret,
	scope: SCOPE,
	authentication: 'body',
});

/** Registers n8n's HTTP Request node and OAuth2 credential with the engine, for the comparison runs. */
function registerHttpRequestNode(): void {
	const { HttpRequest } = require('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js') as {
		HttpRequest: new () => IVersionedNodeType;
	};
	const { OAuth2Api } = require('n8n-nodes-base/dist/credentials/OAuth2Api.credentials.js') as {
		OAuth2Api: new () => ICredentialType;
	};
	registerTypes({ 'n8n-nodes-base.httpRequest': new HttpRequest() }, [new OAuth2Api()]);
}

/** The credential a scenario runs with: this node's, or (registering that node) the HTTP Request node's. */
export function scenarioCredential(
	usesHttpNode: boolean,
	apiUrl: string,
	tokenUrl: string,
): ICredentialDataDecryptedObject {
	if (!usesHttpNode) return nodeCredential(apiUrl, tokenUrl);
	registerHttpRequestNode();
	return httpCredential(tokenUrl);
}

/** Milliseconds since `started` (a `process.hrtime.bigint()`). */
export const msSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

/** This process's peak memory so far: each scenario runs in its own process, so the peak is its own. */
export const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Runs a scenario on the JSON input in argv[2] and prints `RESULT <json>` for the parent process. */
export function runScenarioProcess<Input, Output>(run: (input: Input) => Promise<Output>): void {
	process.env.N8N_LOG_LEVEL = 'silent';
	run(JSON.parse(process.argv[2]) as Input).then(
		(output) => {
			process.stdout.write(`\nRESULT ${JSON.stringify(output)}\n`);
			process.exit(0);
		},
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
