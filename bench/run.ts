/**
 * Bulk benchmark: this node against n8n's HTTP Request node on bulk cancel, and this node isolating
 * devices then cancelling the isolations with Wait for Final Status, in n8n-core's engine against
 * the Defender simulator enforcing 100 calls per window and API with Retry-After.
 * Usage: npm run bench [-- --scale 10] (scale 10 makes the 60 s window 6 s).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { startDefenderSimulator } from '../simulator/server';
import type { DefenderSimulator } from '../simulator/server';
import { benchHashes } from './hashes';
import type { IndicatorScenario, ScenarioInput, ScenarioOutput } from './scenario';

const argValue = (name: string, fallback: number) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

const scale = argValue('scale', 1);
const cancelCount = argValue('cancel', 250);
const getCount = argValue('get', 1000);
const isolateCount = argValue('isolate', 250);
const importCount = argValue('import', 5000);
const createEachCount = argValue('create-each', 500);
const windowSeconds = 60 / scale;

interface Row {
	name: string;
	wallMs: number;
	boundMs?: number;
	succeeded: number;
	failed: number;
	rateLimited: number;
	tokenRequests: number;
	apiCalls: number;
	maxRssMb: number;
	note?: string;
	callsByEndpoint?: Record<string, number>;
}

async function measure(
	name: string,
	scenario: ScenarioInput['scenario'],
	count: number,
	rateLimited: boolean,
): Promise<Row> {
	const isolates = scenario === 'nodeIsolateThenCancel';
	const simulator: DefenderSimulator = await startDefenderSimulator({
		rateLimit: rateLimited
			? {
					perWindow: 100,
					windowMs: windowSeconds * 1000,
					perHour: 1500,
					hourMs: windowSeconds * 60_000,
				}
			: false,
		// A cancel's own answer still shows the old status, so Wait for Final Status has to poll once.
		cancelSettlesAfterReads: isolates ? 1 : undefined,
	});
	try {
		const ids = isolates
			? simulator.seedMachines(count).map((machine) => machine.id)
			: simulator.seed(count).map((action) => action.id);
		const input: ScenarioInput = {
			scenario,
			apiUrl: simulator.url,
			tokenUrl: simulator.tokenUrl(),
			ids,
			windowSeconds,
		};
		const stdout = await new Promise<string>((resolve, reject) => {
			execFile(
				process.execPath,
				[join(__dirname, 'scenario.js'), JSON.stringify(input)],
				{ maxBuffer: 64 * 1024 * 1024 },
				(error, out) => (error ? reject(error) : resolve(out)),
			);
		});
		const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
		if (!line) throw new Error(`Scenario ${name} printed no result`);
		const output = JSON.parse(line.slice('RESULT '.length)) as ScenarioOutput;
		const isCancel = scenario.endsWith('Cancel');
		const cancelled = [...simulator.actions.values()].filter(
			(action) => action.status === 'Cancelled',
		).length;
		// Isolate-then-cancel counts the cancels that Defender confirmed final.
		const succeeded = isCancel && !isolates ? cancelled : output.outputItems;
		const windowsNeeded = Math.ceil(count / 100) - 1;
		const callsByEndpoint: Record<string, number> = {};
		for (const request of simulator.apiRequests()) {
			const endpoint = request.endpoint ?? 'other';
			callsByEndpoint[endpoint] = (callsByEndpoint[endpoint] ?? 0) + 1;
		}
		return {
			name,
			wallMs: output.wallMs,
			// Isolating then cancelling: each phase needs its windows, one after the other.
			boundMs: rateLimited ? (isolates ? 2 : 1) * windowsNeeded * windowSeconds * 1000 : undefined,
			callsByEndpoint,
			succeeded,
			failed: count - succeeded,
			rateLimited: simulator.rateLimited,
			tokenRequests: simulator.tokenRequests,
			apiCalls: simulator.apiRequests().length,
			maxRssMb: output.maxRssMb,
			note: output.executionError
				? `execution failed: ${output.executionError.slice(0, 80)}`
				: undefined,
		};
	} finally {
		await simulator.close();
	}
}

async function runScenario(input: ScenarioInput, name: string): Promise<ScenarioOutput> {
	const stdout = await new Promise<string>((resolve, reject) => {
		execFile(
			process.execPath,
			[join(__dirname, 'scenario.js'), JSON.stringify(input)],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, out) => (error ? reject(error) : resolve(out)),
		);
	});
	const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
	if (!line) throw new Error(`Scenario ${name} printed no result`);
	return JSON.parse(line.slice('RESULT '.length)) as ScenarioOutput;
}

/** Indicators from `count` items, against the simulator enforcing each indicator API's own limits (import 30 a window). */
async function measureIndicators(
	name: string,
	scenario: IndicatorScenario,
	count: number,
): Promise<Row> {
	const hourMs = windowSeconds * 60_000;
	const simulator = await startDefenderSimulator({
		rateLimit: { perWindow: 100, windowMs: windowSeconds * 1000, perHour: 1500, hourMs },
	});
	try {
		const hashes = benchHashes(count);
		// The hashes are made again in the scenario's process: 5,000 of them are too long for its command line.
		const input: ScenarioInput = {
			scenario,
			apiUrl: simulator.url,
			tokenUrl: simulator.tokenUrl(),
			ids: [],
			indicatorCount: count,
			windowSeconds,
		};
		const output = await runScenario(input, name);
		const endpoint = scenario === 'nodeImport' ? 'importIndicators' : 'submitIndicator';
		const perWindow = scenario === 'nodeImport' ? 30 : 100;
		const calls = simulator
			.apiRequests()
			.filter((request) => request.endpoint === endpoint && request.status !== 429).length;
		// The least time the limits allow for these calls: full windows (minute and hour) before the last one opens.
		const boundMs = Math.max(
			(Math.ceil(calls / perWindow) - 1) * windowSeconds * 1000,
			(Math.ceil(calls / 1500) - 1) * hourMs,
		);
		const stored = new Set(
			[...simulator.indicators.values()].map((indicator) => indicator.indicatorValue),
		);
		const succeeded = hashes.filter((hash) => stored.has(hash)).length;
		const callsByEndpoint: Record<string, number> = {};
		for (const request of simulator.apiRequests())
			callsByEndpoint[request.endpoint ?? 'other'] =
				(callsByEndpoint[request.endpoint ?? 'other'] ?? 0) + 1;
		return {
			name,
			wallMs: output.wallMs,
			boundMs,
			succeeded,
			failed: count - succeeded,
			rateLimited: simulator.rateLimited,
			tokenRequests: simulator.tokenRequests,
			apiCalls: simulator.apiRequests().length,
			maxRssMb: output.maxRssMb,
			callsByEndpoint,
			note: [
				`${calls} ${endpoint} calls (${perWindow} a ${windowSeconds} s window allowed), least time the limits allow ${(boundMs / 1000).toFixed(1)} s`,
				`${output.outputItems} items with a result, ${output.errorItems} failed`,
				output.executionError ? `execution failed: ${output.executionError.slice(0, 80)}` : '',
			]
				.filter(Boolean)
				.join('; '),
		};
	} finally {
		await simulator.close();
	}
}

function printTable(rows: Row[]): void {
	const header = [
		'scenario',
		'wall s',
		'wall / bound',
		'ok',
		'failed',
		'429s',
		'token req',
		'API calls',
		'ms / item',
		'peak RSS MB',
	];
	const lines = rows.map((row) => [
		row.name,
		(row.wallMs / 1000).toFixed(2),
		row.boundMs ? (row.wallMs / row.boundMs).toFixed(3) : 'n/a',
		String(row.succeeded),
		String(row.failed),
		String(row.rateLimited),
		String(row.tokenRequests),
		String(row.apiCalls),
		(row.wallMs / (row.succeeded + row.failed)).toFixed(2),
		String(row.maxRssMb),
	]);
	const widths = header.map((title, column) =>
		Math.max(title.length, ...lines.map((line) => line[column].length)),
	);
	const format = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(format(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const line of lines) console.log(format(line));
	for (const row of rows) if (row.note) console.log(`${row.name}: ${row.note}`);
	for (const row of rows) {
		if (!row.callsByEndpoint || !row.name.includes('isolate')) continue;
		const calls = row.callsByEndpoint;
		const work = (calls.isolate ?? 0) + (calls.cancel ?? 0);
		const polls = calls.listActions ?? 0;
		console.log(
			`${row.name}: API calls by endpoint ${JSON.stringify(calls)}; polling ${polls} = ${((100 * polls) / Math.max(1, work)).toFixed(1)} % of the ${work} launch and cancel calls`,
		);
	}
}

async function main(): Promise<void> {
	console.log(
		`Node ${process.version}, simulator window ${windowSeconds} s (scale ${scale}), ${isolateCount} isolations, ${cancelCount} cancels, ${getCount} gets`,
	);
	const indicatorRows = async () => [
		await measureIndicators(
			`this node: Create Many, ${importCount} indicators`,
			'nodeImport',
			importCount,
		),
		await measureIndicators(
			`this node: Create or Update per item, ${createEachCount} indicators`,
			'nodeCreateEach',
			createEachCount,
		),
	];
	if (process.argv.includes('--only-indicators')) {
		printTable(await indicatorRows());
		return;
	}
	const only = process.argv.includes('--only-isolate');
	if (only) {
		printTable([
			await measure(
				`this node: isolate ${isolateCount}, then cancel them, waiting`,
				'nodeIsolateThenCancel',
				isolateCount,
				true,
			),
		]);
		return;
	}
	const rows: Row[] = [];
	rows.push(
		await measure(
			`this node: isolate ${isolateCount}, then cancel them, waiting`,
			'nodeIsolateThenCancel',
			isolateCount,
			true,
		),
	);
	rows.push(await measure(`this node: cancel ${cancelCount}`, 'nodeCancel', cancelCount, true));
	rows.push(
		await measure(
			`HTTP Request + Retry On Fail: cancel ${cancelCount}`,
			'httpCancel',
			cancelCount,
			true,
		),
	);
	rows.push(await measure(`this node: get ${getCount}, no limit`, 'nodeGet', getCount, false));
	rows.push(await measure(`HTTP Request: get ${getCount}, no limit`, 'httpGet', getCount, false));
	rows.push(...(await indicatorRows()));
	printTable(rows);
	if (scale !== 1)
		console.log(
			"Note: at scale > 1 the HTTP Request node's 5 s Retry On Fail wait is not scaled, which flatters it.",
		);
}

void main();
