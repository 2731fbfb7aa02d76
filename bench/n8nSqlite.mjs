// Bulk runs in a real n8n on SQLite with default settings: Indicator → Create Many of 5,000 items and Device
// Action → Cancel of 1,000 items, against the simulator enforcing Defender's rate limits. Prints figures, asserts
// nothing on time. Needs `npm run build` first (the packed package and dist/simulator):
//   N8N_E2E_CACHE=/work/n8n-cache node bench/n8nSqlite.mjs [--indicators 5000] [--cancel 1000] [--window 60]
// `--window S` scales the simulator's rate-limit window (and the node's Rate Limit Window option) to S seconds.
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';

import simulatorModule from '../dist/simulator/server.js';
import { exampleCredentialFor } from '../e2e/support/examples.mjs';
import { ensureN8n } from '../e2e/support/n8nInstall.mjs';
import { N8nInstance } from '../e2e/support/n8nInstance.mjs';
import { chain, defenderNode, node } from '../e2e/support/workflows.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const { values: args } = parseArgs({
	options: {
		indicators: { type: 'string', default: '5000' },
		cancel: { type: 'string', default: '1000' },
		window: { type: 'string', default: '60' },
	},
});
const INDICATORS = Number(args.indicators);
const CANCELS = Number(args.cancel);
const WINDOW_S = Number(args.window);
const VERSION = '2.40.7';

// TypeORM's console logger prints each query as `query: SELECT ... FROM "credentials_entity" ...`.
const CREDENTIAL_READ = /query: SELECT[^\n]*FROM "credentials_entity"/g;

const manual = () => node('Manual', 'n8n-nodes-base.manualTrigger', 1, {});
const items = (name, values) =>
	node('Items', 'n8n-nodes-base.code', 2, {
		jsCode: `return ${JSON.stringify(values)}.map((value) => ({ json: { value } }));`,
	});

/** One workflow run through `n8n execute` (its own process, the instance's SQLite database), with its query log. */
async function measure(n8n, simulator, { name, workflow, count, endpoint, perWindow, succeeded }) {
	await n8n.importJson('workflow', [workflow]);
	const started = Date.now();
	// Not n8n.cli(): its 3-minute timeout is shorter than a run paced by the rate limits.
	const { stdout } = await promisify(execFile)(
		n8n.installed.bin,
		['execute', `--id=${workflow.id}`, '--rawOutput'],
		{ env: await n8n.processEnv(`bench-${workflow.id}`), maxBuffer: 1024 * 1024 * 1024 },
	);
	const wallMs = Date.now() - started;
	console.log(`${name}: done in ${(wallMs / 1000).toFixed(1)} s`);
	const calls = simulator
		.apiRequests()
		.filter((request) => request.endpoint === endpoint && request.status !== 429).length;
	return {
		scenario: name,
		items: count,
		ok: succeeded(),
		failed: count - succeeded(),
		credentialReads: stdout.match(CREDENTIAL_READ)?.length ?? 0,
		wallS: (wallMs / 1000).toFixed(1),
		// The least time the limits allow: full windows before the last one opens.
		boundS: (Math.max(0, Math.ceil(calls / perWindow) - 1) * WINDOW_S).toFixed(0),
		calls,
		'429s': simulator.rateLimited,
		tokenRequests: simulator.tokenRequests,
	};
}

const installed = await ensureN8n(VERSION);
const simulator = await startDefenderSimulator({
	rateLimit: {
		perWindow: 100,
		windowMs: WINDOW_S * 1000,
		perHour: 1500,
		hourMs: WINDOW_S * 60_000,
	},
});
const n8n = new N8nInstance(installed, {
	env: { DB_LOGGING_ENABLED: 'true', DB_LOGGING_OPTIONS: 'query' },
});
const rows = [];
try {
	await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
	const hashes = Array.from({ length: INDICATORS }, (_, index) =>
		(index + 1).toString(16).padStart(64, 'b'),
	);
	rows.push(
		await measure(n8n, simulator, {
			name: `Indicator → Create Many, ${INDICATORS} items`,
			workflow: chain('benchImport', 'Bench: Create Many', [
				manual(),
				items('Items', hashes),
				defenderNode('Defender', {
					resource: 'indicator',
					operation: 'import',
					indicatorType: 'FileSha256',
					indicatorValue: '={{ $json.value }}',
					action: 'Block',
					title: '={{ "Benchmark file " + $itemIndex }}',
					description: 'Benchmark',
					options: { rateLimitWindowSeconds: WINDOW_S },
				}),
			]),
			count: INDICATORS,
			endpoint: 'importIndicators',
			perWindow: 30,
			succeeded: () => {
				const stored = new Set(
					[...simulator.indicators.values()].map((indicator) => indicator.indicatorValue),
				);
				return hashes.filter((hash) => stored.has(hash)).length;
			},
		}),
	);
	const actions = simulator.seed(CANCELS).map((action) => action.id);
	rows.push(
		await measure(n8n, simulator, {
			name: `Device Action → Cancel, ${CANCELS} items`,
			workflow: chain('benchCancel', 'Bench: Cancel', [
				manual(),
				items('Items', actions),
				defenderNode('Defender', {
					operation: 'cancel',
					machineActionId: '={{ $json.value }}',
					comment: 'Benchmark: cancel',
					options: { rateLimitWindowSeconds: WINDOW_S },
				}),
			]),
			count: CANCELS,
			endpoint: 'cancel',
			perWindow: 100,
			succeeded: () =>
				actions.filter((id) => simulator.actions.get(id)?.status === 'Cancelled').length,
		}),
	);
} finally {
	await n8n.stop();
	await simulator.close();
}
console.log(`n8n ${VERSION} on SQLite, rate-limit window ${WINDOW_S} s`);
console.table(rows);
