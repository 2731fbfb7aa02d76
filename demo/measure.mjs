// `npm run measure:start`: times `npm start` as a newcomer meets it and prints the figures README gives.
// It runs `npm start -- --fresh` (an empty n8n user folder), then `npm start` again (a restart keeping
// it), each until it prints that n8n is ready, on free ports and in a demo folder of its own. With
// `--install` the first start also installs n8n into a new, empty cache folder (the true first start: 10
// minutes or more, and the cache folder's size is printed; it is removed afterwards).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { cacheRoot, folderBytes } from '../e2e/support/n8nInstall.mjs';
import { repoRoot } from '../e2e/support/packedPackage.mjs';
import { freePort } from '../e2e/support/processes.mjs';
import { seconds } from '../e2e/support/progress.mjs';

const READY = /is ready \(started in/;
const gb = (bytes) => `${(bytes / 1e9).toFixed(2)} GB`;

/** Runs `npm start` with these arguments until it prints that n8n is ready, then stops it; resolves the time taken. */
async function timeStart(args, env) {
	const started = Date.now();
	const child = spawn('npm', ['start', '--', ...args], {
		cwd: repoRoot,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	const onData = (chunk) => {
		const text = chunk.toString();
		// Each line of npm start's output indented under the measurement's own lines.
		const atLineStart = log === '' || log.endsWith('\n');
		log += text;
		process.stdout.write((atLineStart ? '  | ' : '') + text.replace(/\n(?=.)/g, '\n  | '));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const ready = await new Promise((resolve) => {
		const check = setInterval(() => {
			if (READY.test(log)) resolve(true);
			else if (child.exitCode !== null || child.signalCode !== null) resolve(false);
			else return;
			clearInterval(check);
		}, 100);
	});
	const took = Date.now() - started;
	// The whole group: npm, the demo and the n8n it started.
	if (child.exitCode === null) process.kill(-child.pid, 'SIGINT');
	await exited;
	if (!ready) throw new Error(`npm start ${args.join(' ')} exited before n8n was ready`);
	return took;
}

async function main() {
	const install = process.argv.includes('--install');
	const demoFolder = mkdtempSync(join(tmpdir(), 'defender-demo-measure-'));
	const cache = install ? mkdtempSync(join(tmpdir(), 'defender-n8n-measure-')) : cacheRoot;
	const env = {
		...process.env,
		N8N_DEMO_FOLDER: demoFolder,
		N8N_E2E_CACHE: cache,
		N8N_PORT: String(await freePort()),
		SIMULATOR_PORT: String(await freePort()),
	};
	const load = () => loadavg()[0].toFixed(1);
	const rows = [];
	try {
		const loadBefore = load();
		const first = await timeStart(['--fresh'], env);
		rows.push([
			install ? 'first start (n8n installed too)' : 'first start (n8n already installed)',
			first,
			loadBefore,
		]);
		const cacheSize = existsSync(cache) ? folderBytes(cache) : 0;
		const loadBeforeRestart = load();
		const restart = await timeStart([], env);
		rows.push(['restart (kept user folder)', restart, loadBeforeRestart]);
		console.log('\nnpm start, measured on this machine:');
		for (const [what, ms, before] of rows)
			console.log(`  ${what}: ${seconds(ms)} (1-minute load average at its start: ${before})`);
		console.log(
			`  n8n cache ${cache}: ${gb(cacheSize)}; demo user folder: ${gb(folderBytes(demoFolder))}`,
		);
	} finally {
		rmSync(demoFolder, { recursive: true, force: true });
		if (install) rmSync(cache, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
