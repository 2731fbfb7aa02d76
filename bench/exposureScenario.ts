/** One exposure-export run in its own process, so that its peak memory (RSS) is its own. */
import type { INodeParameters } from 'n8n-workflow';

import { createCredentialStore, runDefenderNode } from '../test/harness/engine';
import type { NodeUnderTest } from '../test/harness/engine';
import { maxRssMb, msSince, runScenarioProcess, scenarioCredential } from './scenarioSetup';

export interface ExposureInput {
	/**
	 * This node with Return All, the same split into one input item per CVE (Filters → CVE ID), this
	 * node with a Limit, or the HTTP Request node paging by $skip.
	 */
	scenario: 'nodeAll' | 'nodeByCve' | 'nodeLimit' | 'httpPaging';
	/** nodeByCve: the CVE IDs, one input item each. */
	cveIds?: string[];
	apiUrl: string;
	tokenUrl: string;
	windowSeconds: number;
	limit: number;
}

export interface ExposureOutput {
	wallMs: number;
	/** Items out of the node; for the HTTP Request node, one per page. */
	outputItems: number;
	/** Rows in those items: the node's items, or the pages' `value` entries. */
	rows: number;
	executionError?: string;
	maxRssMb: number;
}

const PAGE = 10_000;

/** The HTTP Request node as a user would page the export: $top 10,000, $skip by page, until a short page. */
function httpPagingNode(input: ExposureInput): NodeUnderTest {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		credentialType: 'oAuth2Api',
		parameters: {
			method: 'GET',
			url: `${input.apiUrl}/api/vulnerabilities/machinesVulnerabilities`,
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendQuery: true,
			queryParameters: { parameters: [{ name: '$top', value: String(PAGE) }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [{ type: 'qs', name: '$skip', value: `={{ $pageCount * ${PAGE} }}` }],
						},
						paginationCompleteWhen: 'other',
						completeExpression: `={{ $response.body.value.length < ${PAGE} }}`,
					},
				},
			},
		},
	};
}

async function run(input: ExposureInput): Promise<ExposureOutput> {
	const http = input.scenario === 'httpPaging';
	const credential = scenarioCredential(http, input.apiUrl, input.tokenUrl);
	const parameters: INodeParameters = {
		resource: 'vulnerability',
		operation: 'getAllByDeviceAndSoftware',
		returnAll: input.scenario === 'nodeAll' || input.scenario === 'nodeByCve',
		limit: input.limit,
		filters: input.scenario === 'nodeByCve' ? { cveId: '={{ $json.cveId }}' } : {},
		options: { rateLimitWindowSeconds: input.windowSeconds },
	};
	const started = process.hrtime.bigint();
	const result = await runDefenderNode({
		parameters,
		node: http ? httpPagingNode(input) : undefined,
		items: input.scenario === 'nodeByCve' ? (input.cveIds ?? []).map((cveId) => ({ cveId })) : [{}],
		credential,
		credentials: createCredentialStore(credential),
		continueOnFail: false,
	});
	const wallMs = msSince(started);
	const rows = http
		? result.items.reduce(
				(sum, item) => sum + (Array.isArray(item.json.value) ? item.json.value.length : 0),
				0,
			)
		: result.items.length;
	return {
		wallMs,
		outputItems: result.items.length,
		rows,
		executionError: result.error?.message,
		maxRssMb: maxRssMb(),
	};
}

runScenarioProcess(run);
