/**
 * Queue-mode benchmark: 1, 2 and 4 worker processes, each with its own call budget (as n8n's queue
 * workers have), cancel 500 actions together against one Defender limit. Usage:
 * npm run bench:workers [-- --scale 10] [-- --cancel 500] [-- --workers 1,2,4]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { startDefenderSimulator } from '../simulator/server';
import type { ScenarioInput, ScenarioOutput } from './scenario';

const argValue = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
};

const scale = Number(argValue('scale', '1'));
const cancelCount = Number(argValue('cancel', '500'));
const workerCounts = argValue('workers', '1,2,4').split(',').map(Number);
const windowSeconds = 60 / scale;
const LIMIT = 100;

interface WorkerRow {
	workers: number;
	wallMs: number;
	/** From spawning the workers to the first cancel reaching the simulator: process start-up, engine, token. */
	firstCallMs: number;
	boundMs: number;
	cancelled: number;
	cancelledTwice: number;
	calls: number;
	rateLimited: number;
	callsPerWorker: number[];
	max429PerWorkerWindowAfterFirst: number;
	windowsWith429: number;
	acceptedPerWindow: number[];
	/** Per window: ms from its start to the first and to the last call Defender accepted in it. */
	acceptedSpanPerWindow: string[];
	/** From the first cancel reaching the simulator to the last worker done. */
	afterFirstCallMs: number;
}

function runWorker(input: ScenarioInput): Promise<ScenarioOutput> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[join(__dirname, 'scenario.js'), JSON.stringify(input)],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, out) => {
				if (error) return reject(error);
				const line = out.split('\n').find((text) => text.startsWith('RESULT '));
				return line
					? resolve(JSON.parse(line.slice('RESULT '.length)) as ScenarioOutput)
					: reject(new Error('no result'));
			},
		);
	});
}

async function measure(workers: number): Promise<WorkerRow> {
	const simulator = await startDefenderSimulator({
		rateLimit: {
			perWindow: LIMIT,
			windowMs: windowSeconds * 1000,
			perHour: 100_000,
			hourMs: windowSeconds * 60_000,
		},
	});
	try {
		const ids = simulator.seed(cancelCount).map((action) => action.id);
		const slices = Array.from({ length: workers }, (_, worker) =>
			ids.filter((_id, index) => index % workers === worker),
		);
		const started = Date.now();
		await Promise.all(
			slices.map(
				async (slice) =>
					await runWorker({
						scenario: 'nodeCancel',
						apiUrl: simulator.url,
						tokenUrl: simulator.tokenUrl(),
						ids: slice,
						windowSeconds,
					}),
			),
		);
		const wallMs = Date.now() - started;
		const cancels = simulator.apiRequests().filter((request) => request.path.endsWith('/cancel'));
		const successes = new Map<string, number>();
		for (const request of cancels.filter((entry) => entry.status === 200))
			successes.set(request.path, (successes.get(request.path) ?? 0) + 1);
		// Each worker process fetched its own token: the bearer tells whose call it was.
		const tokens = [...new Set(cancels.map((request) => String(request.headers.authorization)))];
		const firstAt = Math.min(...cancels.map((request) => request.at));
		const windowOf = (at: number) => Math.floor((at - firstAt) / (windowSeconds * 1000));
		const throttled = cancels.filter((request) => request.status === 429);
		const firstContention = throttled.length
			? Math.min(...throttled.map((request) => windowOf(request.at)))
			: Infinity;
		const perWorkerWindow = new Map<string, number>();
		for (const request of throttled) {
			if (windowOf(request.at) <= firstContention) continue;
			const key = `${String(request.headers.authorization)}|${windowOf(request.at)}`;
			perWorkerWindow.set(key, (perWorkerWindow.get(key) ?? 0) + 1);
		}
		return {
			workers,
			wallMs,
			firstCallMs: firstAt - started,
			afterFirstCallMs: started + wallMs - firstAt,
			boundMs: (Math.ceil(cancelCount / LIMIT) - 1) * windowSeconds * 1000,
			cancelled: [...simulator.actions.values()].filter((action) => action.status === 'Cancelled')
				.length,
			cancelledTwice: [...successes.values()].filter((count) => count > 1).length,
			calls: cancels.length,
			rateLimited: simulator.rateLimited,
			callsPerWorker: tokens.map(
				(token) =>
					cancels.filter((request) => String(request.headers.authorization) === token).length,
			),
			max429PerWorkerWindowAfterFirst: Math.max(0, ...perWorkerWindow.values()),
			windowsWith429: new Set(throttled.map((request) => windowOf(request.at))).size,
			acceptedPerWindow: cancels
				.filter((request) => request.status === 200)
				.reduce<number[]>((counts, request) => {
					const window = windowOf(request.at);
					while (counts.length <= window) counts.push(0);
					counts[window]++;
					return counts;
				}, []),
			acceptedSpanPerWindow: cancels
				.filter((request) => request.status === 200)
				.reduce<Array<[number, number]>>((spans, request) => {
					const window = windowOf(request.at);
					const offset = request.at - firstAt - window * windowSeconds * 1000;
					while (spans.length <= window) spans.push([Infinity, -Infinity]);
					spans[window] = [Math.min(spans[window][0], offset), Math.max(spans[window][1], offset)];
					return spans;
				}, [])
				.map(([first, last]) => `${first}-${last}`),
		};
	} finally {
		await simulator.close();
	}
}

async function main(): Promise<void> {
	console.log(
		`Node ${process.version}, window ${windowSeconds} s (scale ${scale}), ${cancelCount} cancels, limit ${LIMIT} per window for the app`,
	);
	const header = [
		'workers',
		'wall s',
		'wall / bound',
		'first call s',
		'cancelled',
		'twice',
		'calls',
		'429s',
		'windows with 429',
		'max 429 per worker-window after the first',
		'calls per worker',
	];
	const rows: string[][] = [];
	const acceptedLines: string[] = [];
	for (const workers of workerCounts) {
		const row = await measure(workers);
		acceptedLines.push(
			`${workers} worker(s): cancels accepted per window from the first call: ${row.acceptedPerWindow.join(', ')}`,
		);
		acceptedLines.push(
			`${workers} worker(s): ms from each window's start to its first and last accepted cancel: ${row.acceptedSpanPerWindow.join(', ')}; ` +
				`first call to last worker done ${(row.afterFirstCallMs / 1000).toFixed(2)} s (${(row.afterFirstCallMs / row.boundMs).toFixed(3)} of the bound)`,
		);
		rows.push([
			String(row.workers),
			(row.wallMs / 1000).toFixed(2),
			(row.wallMs / row.boundMs).toFixed(3),
			(row.firstCallMs / 1000).toFixed(2),
			`${row.cancelled}/${cancelCount}`,
			String(row.cancelledTwice),
			String(row.calls),
			String(row.rateLimited),
			String(row.windowsWith429),
			String(row.max429PerWorkerWindowAfterFirst),
			row.callsPerWorker.join(' / '),
		]);
	}
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const format = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(format(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(format(row));
	for (const line of acceptedLines) console.log(line);
}

void main();
