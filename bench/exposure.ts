/**
 * Exposure benchmark: Vulnerability → Get Many By Device and Software over 30,000 / 100,000 / 300,000
 * rows of the simulator (simulator.exposure.syntheticRows), against Defender's limits (100 calls a
 * window, 1,500 an hour): pages read, wall time against the least time the limit allows, peak RSS of
 * the engine process, a Limit stopping early, and the HTTP Request node paging by $skip the same.
 * Usage: npm run bench:exposure [-- --sizes 30000,100000 --limit 50 --no-http]. Prints figures, asserts nothing timed.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { SEEDED_CVES } from '../simulator/stores/exposure/exposureData';
import { startDefenderSimulator } from '../simulator/server';
import type { ExposureInput, ExposureOutput } from './exposureScenario';

const argValue = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
};
const sizes = argValue('sizes', '30000,100000,300000').split(',').map(Number);
const limit = Number(argValue('limit', '50'));
const scale = Number(argValue('scale', '1'));
const withHttp = !process.argv.includes('--no-http');
const windowSeconds = 60 / scale;
const PAGE = 10_000;

interface Row {
	name: string;
	rows: number;
	out: ExposureOutput;
	pages: number;
	boundMs: number;
	rateLimited: number;
	tokenRequests: number;
}

const runScenario = (input: ExposureInput) =>
	new Promise<ExposureOutput>((resolve, reject) => {
		execFile(
			process.execPath,
			[join(__dirname, 'exposureScenario.js'), JSON.stringify(input)],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, stdout) => {
				if (error) return reject(error);
				const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
				if (!line) return reject(new Error(`${input.scenario} printed no result`));
				resolve(JSON.parse(line.slice('RESULT '.length)) as ExposureOutput);
			},
		);
	});

async function measure(
	name: string,
	scenario: ExposureInput['scenario'],
	size: number,
): Promise<Row> {
	const simulator = await startDefenderSimulator({
		rateLimit: {
			perWindow: 100,
			windowMs: windowSeconds * 1000,
			perHour: 1500,
			hourMs: windowSeconds * 60_000,
		},
	});
	try {
		simulator.exposure.syntheticRows = size;
		simulator.exposure.synthetic(); // made before the clock starts, as Defender's would exist already
		const out = await runScenario({
			scenario,
			apiUrl: simulator.url,
			tokenUrl: simulator.tokenUrl(),
			windowSeconds,
			limit,
			cveIds: SEEDED_CVES.map((cve) => cve.id),
		});
		const pages = simulator
			.apiRequests()
			.filter(
				(request) => request.endpoint === 'machinesVulnerabilities' && request.status !== 429,
			).length;
		// The least time 100 calls a window allow for these pages: the full windows before the last one opens.
		const boundMs = (Math.ceil(pages / 100) - 1) * windowSeconds * 1000;
		return {
			name,
			rows: size,
			out,
			pages,
			boundMs,
			rateLimited: simulator.rateLimited,
			tokenRequests: simulator.tokenRequests,
		};
	} finally {
		await simulator.close();
	}
}

function print(rows: Row[]): void {
	console.log(
		'| scenario | rows served | items out | rows read | pages | wall s | bound s | 429s | token req | peak RSS MB |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) {
		const cells = [
			row.name,
			row.rows,
			row.out.outputItems,
			row.out.rows,
			row.pages,
			(row.out.wallMs / 1000).toFixed(2),
			(row.boundMs / 1000).toFixed(0),
			row.rateLimited,
			row.tokenRequests,
			row.out.maxRssMb,
		];
		console.log(`| ${cells.join(' | ')} |`);
		if (row.out.executionError)
			console.log(`${row.name}: execution failed: ${row.out.executionError.slice(0, 120)}`);
	}
}

async function main(): Promise<void> {
	console.log(
		`Node ${process.version}, window ${windowSeconds} s, page ${PAGE} rows, sizes ${sizes.join(' / ')}, Limit ${limit}`,
	);
	const rows: Row[] = [];
	for (const size of sizes) {
		rows.push(await measure(`this node, Return All, ${size}`, 'nodeAll', size));
		if (withHttp)
			rows.push(await measure(`HTTP Request, $skip paging, ${size}`, 'httpPaging', size));
	}
	const largest = Math.max(...sizes);
	rows.push(
		await measure(
			`this node, one item per CVE (${SEEDED_CVES.length}), ${largest}`,
			'nodeByCve',
			largest,
		),
	);
	rows.push(await measure(`this node, Limit ${limit}, ${largest}`, 'nodeLimit', largest));
	print(rows);
}

void main();
