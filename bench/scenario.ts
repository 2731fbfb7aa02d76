/** One benchmark scenario, run in its own process so that its peak memory is its own. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { createCredentialStore, runDefenderNode } from '../test/harness/engine';
import type { NodeUnderTest } from '../test/harness/engine';
import { benchHashes } from './hashes';
import { maxRssMb, msSince, runScenarioProcess, scenarioCredential } from './scenarioSetup';

export interface ScenarioInput {
	scenario:
		| 'nodeCancel'
		| 'httpCancel'
		| 'nodeGet'
		| 'httpGet'
		| 'nodeIsolateThenCancel'
		| IndicatorScenario;
	apiUrl: string;
	tokenUrl: string;
	/** Machine action ids, or device ids for nodeIsolateThenCancel. */
	ids: string[];
	windowSeconds: number;
	/** Indicator scenarios: how many items (their hashes come from benchHashes). */
	indicatorCount?: number;
}

/** Indicators from items: Create Many (import, 500 a call) or one Create or Update per item. */
export type IndicatorScenario = 'nodeImport' | 'nodeCreateEach';

export interface ScenarioOutput {
	wallMs: number;
	outputItems: number;
	errorItems: number;
	executionError?: string;
	maxRssMb: number;
}

const COMMENT = 'Playbook misfired: cancelling';

function httpRequestNode(input: ScenarioInput, method: 'GET' | 'POST'): NodeUnderTest {
	const path =
		method === 'POST'
			? '/api/machineactions/{{ $json.id }}/cancel'
			: '/api/machineactions/{{ $json.id }}';
	const parameters: INodeParameters = {
		method,
		url: `=${input.apiUrl}${path}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'oAuth2Api',
		options: {},
		...(method === 'POST'
			? { sendBody: true, specifyBody: 'json', jsonBody: JSON.stringify({ Comment: COMMENT }) }
			: {}),
	};
	// "Retry On Fail" at its maximum, as a user would set it: 5 tries, 5 s apart.
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		credentialType: 'oAuth2Api',
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 5000,
	};
}

async function run(input: ScenarioInput): Promise<ScenarioOutput> {
	const usesHttpNode = input.scenario.startsWith('http');
	const credential = scenarioCredential(usesHttpNode, input.apiUrl, input.tokenUrl);
	const noPacing = { callsPerMinute: 0, callsPerHour: 0 };
	if (input.scenario === 'nodeIsolateThenCancel') return await isolateThenCancel(input, credential);
	if (input.scenario === 'nodeImport' || input.scenario === 'nodeCreateEach')
		return await indicators(input, credential);
	const node: Record<
		Exclude<ScenarioInput['scenario'], 'nodeIsolateThenCancel' | IndicatorScenario>,
		() => NodeUnderTest | undefined
	> = {
		nodeCancel: () => undefined,
		httpCancel: () => httpRequestNode(input, 'POST'),
		nodeGet: () => undefined,
		httpGet: () => httpRequestNode(input, 'GET'),
	};
	const parameters: INodeParameters =
		input.scenario === 'nodeCancel'
			? {
					operation: 'cancel',
					machineActionId: '={{ $json.id }}',
					comment: COMMENT,
					options: { rateLimitWindowSeconds: input.windowSeconds },
				}
			: { operation: 'get', machineActionId: '={{ $json.id }}', options: noPacing };

	const started = process.hrtime.bigint();
	const result = await runDefenderNode({
		parameters,
		node: node[input.scenario](),
		items: input.ids.map((id): IDataObject => ({ id })),
		credential,
		credentials: createCredentialStore(credential),
		continueOnFail: false,
	});
	const wallMs = msSince(started);
	return {
		wallMs,
		outputItems: result.items.filter((item) => !item.json.error).length,
		errorItems: result.items.filter((item) => item.json.error).length,
		executionError: result.error?.message,
		maxRssMb: maxRssMb(),
	};
}

/** Isolates every device in one execution, then cancels every isolation with Wait for Final Status in a second. */
async function isolateThenCancel(
	input: ScenarioInput,
	credential: ICredentialDataDecryptedObject,
): Promise<ScenarioOutput> {
	const credentials = createCredentialStore(credential);
	const started = process.hrtime.bigint();
	const isolated = await runDefenderNode({
		parameters: {
			resource: 'machine',
			operation: 'isolate',
			machineId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			comment: 'Benchmark: isolate',
			options: { rateLimitWindowSeconds: input.windowSeconds },
		},
		items: input.ids.map((id): IDataObject => ({ id })),
		credential,
		credentials,
	});
	const cancelled = await runDefenderNode({
		parameters: {
			operation: 'cancel',
			machineActionId: '={{ $json.id }}',
			comment: COMMENT,
			options: {
				rateLimitWindowSeconds: input.windowSeconds,
				waitForFinalStatus: true,
				pollIntervalSeconds: input.windowSeconds / 6,
			},
		},
		items: isolated.items.map((item) => ({ id: item.json.id }) as IDataObject),
		credential,
		credentials,
	});
	const wallMs = msSince(started);
	return {
		wallMs,
		outputItems: cancelled.items.filter(
			(item) => !item.json.error && item.json.reachedFinalStatus === true,
		).length,
		errorItems: cancelled.items.filter((item) => item.json.error).length,
		executionError: isolated.error?.message ?? cancelled.error?.message,
		maxRssMb: maxRssMb(),
	};
}

/** One execution turning every item (a SHA-256 in `ids`) into a Block indicator, by import or one create each. */
async function indicators(
	input: ScenarioInput,
	credential: ICredentialDataDecryptedObject,
): Promise<ScenarioOutput> {
	const started = process.hrtime.bigint();
	const result = await runDefenderNode({
		parameters: {
			resource: 'indicator',
			operation: input.scenario === 'nodeImport' ? 'import' : 'create',
			indicatorType: 'FileSha256',
			indicatorValue: '={{ $json.sha256 }}',
			action: 'Block',
			title: '={{ "Benchmark file " + $itemIndex }}',
			description: 'Benchmark',
			options: { rateLimitWindowSeconds: input.windowSeconds },
		},
		items: benchHashes(input.indicatorCount ?? 0).map((sha256): IDataObject => ({ sha256 })),
		credential,
		credentials: createCredentialStore(credential),
	});
	const wallMs = msSince(started);
	return {
		wallMs,
		outputItems: result.items.filter((item) => !item.json.error && item.json.isFailed !== true)
			.length,
		errorItems: result.items.filter((item) => item.json.error || item.json.isFailed === true)
			.length,
		executionError: result.error?.message,
		maxRssMb: maxRssMb(),
	};
}

runScenarioProcess(run);
