// Debian's Chromium driven by playwright-core: installed with apt-get when missing, never downloaded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors } from 'playwright-core';

import { repoRoot } from '../e2e/support/packedPackage.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian's chromium package when the browser is missing (CI runs as root on a bare image). */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.getuid?.() !== 0)
		throw new Error(
			`${CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
		);
	console.log('# installing Debian chromium with apt-get (once)');
	const apt = (...args) =>
		execFileSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	try {
		apt('install', '-y', '--no-install-recommends', 'chromium');
	} catch {
		apt('update');
		apt('install', '-y', '--no-install-recommends', 'chromium');
	}
	if (!existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

export async function launchBrowser() {
	// n8n's editor marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox'] });
}

/** Where screenshots go: the README's docs/ with UPDATE_SCREENSHOTS=1, otherwise a temporary folder. */
export function screenshotFolder() {
	if (process.env.UPDATE_SCREENSHOTS === '1') return join(repoRoot, 'docs');
	const folder = mkdtempSync(join(tmpdir(), 'defender-ui-screenshots-'));
	mkdirSync(folder, { recursive: true });
	return folder;
}
