// `npm pack`, then unpack the tarball the way n8n installs a package, so a file missing from it shows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A custom-extensions folder holding the packed package; returns its path. */
export function installPackedPackage() {
	const work = mkdtempSync(join(tmpdir(), 'defender-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: repoRoot,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	const target = join(work, 'extensions', 'node_modules', 'n8n-nodes-defender-endpoint');
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['xzf', join(work, tarball), '-C', target, '--strip-components=1']);
	return join(work, 'extensions');
}
