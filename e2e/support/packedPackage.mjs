// `npm pack`, then `npm install <tarball>` in an n8n user folder's nodes folder, the way a user installs
// a community package by hand (README, "By hand"), so a file missing from the tarball shows and the node
// types are the published ones (n8n-nodes-defender-endpoint.*).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-defender-endpoint';

/**
 * The flags n8n's own community-package install passes to npm (no dev, optional or peer dependencies:
 * n8n-workflow comes from n8n itself), plus --legacy-peer-deps so npm does not resolve the peer's tree from
 * the registry (20 s on this machine, for nothing it installs), and no save: the tarball is temporary.
 */
const NPM_INSTALL_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--omit=dev',
	'--omit=optional',
	'--omit=peer',
	'--legacy-peer-deps',
	'--ignore-scripts',
	'--no-save',
	'--no-package-lock',
];

/**
 * The environment for a child npm: under `npm run`, npm passes its settings on as npm_config_* variables,
 * among them npm_config_local_prefix (this repository), which would make `npm install` install here.
 */
export function npmChildEnv(env = process.env) {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !/^npm_(config|package|lifecycle)_/i.test(name)),
	);
}

async function npm(args, cwd) {
	try {
		const { stdout } = await execFileAsync('npm', args, {
			cwd,
			env: npmChildEnv(),
			encoding: 'utf8',
		});
		return stdout;
	} catch (error) {
		throw new Error(`"npm ${args.join(' ')}" failed in ${cwd}:\n${error.stderr ?? error.message}`);
	}
}

let packed;
/** The `npm pack` tarball of the built package, packed once per process into a temporary folder removed at exit. */
export function packedTarball() {
	packed ??= (async () => {
		const work = mkdtempSync(join(tmpdir(), 'defender-pack-'));
		process.once('exit', () => rmSync(work, { recursive: true, force: true }));
		const stdout = await npm(['pack', '--silent', '--pack-destination', work], repoRoot);
		return join(work, basename(stdout.trim().split('\n').pop()));
	})();
	return packed;
}

/** The folder n8n loads community packages from: `<user folder>/.n8n/nodes/node_modules`. */
export const nodesFolder = (userFolder) => join(userFolder, '.n8n', 'nodes');

/** Where a nodes folder records the hash of the tarball installed there (npm pack's tarballs are reproducible). */
const INSTALLED_RECORD = '.defender-tarball.sha256';

/**
 * Installs the packed package as a community package into an n8n user folder (`npm install <tarball>` in
 * `<user folder>/.n8n/nodes`), replacing an older install there, so a restart loads the current build;
 * nothing to do when the same tarball is installed there already.
 */
export async function installCommunityPackage(userFolder) {
	const tarball = await packedTarball();
	const folder = nodesFolder(userFolder);
	mkdirSync(folder, { recursive: true });
	const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex');
	const record = join(folder, INSTALLED_RECORD);
	const installedPackage = join(folder, 'node_modules', PACKAGE_NAME, 'package.json');
	if (existsSync(installedPackage) && existsSync(record) && readFileSync(record, 'utf8') === hash)
		return;
	// Without a package.json here npm would take the nearest one above it as the project to install into.
	const manifest = join(folder, 'package.json');
	if (!existsSync(manifest))
		writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }));
	// The same version from a newer build counts as up to date for npm: remove the old copy first.
	rmSync(join(folder, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	await npm(['install', ...NPM_INSTALL_FLAGS, tarball], folder);
	if (!existsSync(installedPackage))
		throw new Error(`npm install ${tarball} put no ${PACKAGE_NAME} into ${folder}/node_modules`);
	writeFileSync(record, hash);
}
