// The editor in a real browser: Debian's Chromium, driven by playwright-core, against the n8n that
// `npm start` runs (n8n 2.40.7, the packed package, the seeded simulator). `npm run test:ui`;
// UPDATE_SCREENSHOTS=1 also rewrites the README's screenshots in docs/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { DEFAULT_APP, DEMO_OWNER, startDemo } from '../demo/demo.mjs';
import { freePort } from '../e2e/n8nInstance.mjs';
import { launchBrowser, screenshotFolder } from './browser.mjs';
import { CredentialModal, NodeDetails, addActionFromNodesPanel, expectText, signIn } from './editor.mjs';

const VERSION = process.env.N8N_UI_VERSION ?? '2.40.7';
const CREDENTIAL_TYPE = 'Microsoft Defender for Endpoint OAuth2 API';
const CREDENTIAL_NAME = 'Defender (browser test)';
const NODE = 'Microsoft Defender for Endpoint';
const CANCEL_ACTION = 'Cancel a pending machine action';
const UNKNOWN_ACTION_ID = '0badc0de-0000-4000-8000-000000000404';
const MACHINE_ACTION = 'Machine Action';

const cancelRequests = (simulator) => simulator.apiRequests().filter((request) => request.method === 'POST' && /\/cancel$/i.test(request.path));

describe(`the editor of n8n ${VERSION} in Chromium`, { timeout: 25 * 60_000 }, () => {
	let demo;
	let browser;
	let page;
	let shots;

	const shoot = async (file) => {
		await page.screenshot({ path: join(shots, file) });
	};
	/** Runs a step; on failure keeps a screenshot of what the browser showed. */
	const step = (name, body) =>
		it(name, async (t) => {
			try {
				await body(t);
			} catch (error) {
				await page?.screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => {});
				throw error;
			}
		});

	before(async () => {
		shots = screenshotFolder();
		console.log(`# screenshots: ${shots}`);
		browser = await launchBrowser();
		demo = await startDemo({
			version: VERSION,
			n8nPort: await freePort(),
			simulatorPort: await freePort(),
		});
		assert.ok(demo.ownerReady, 'POST /rest/owner/setup set up the owner');
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		page = await context.newPage();
		page.setDefaultTimeout(60_000);
		await signIn(page, demo.n8n.baseUrl, DEMO_OWNER);
	});

	after(async () => {
		await browser?.close();
		await demo?.stop();
	});

	step('creates the credential through its form, tests it, and shows a wrong secret failing', async () => {
		const { simulator } = demo;
		const form = await CredentialModal.create(page, demo.n8n.baseUrl, { search: 'Defender', type: CREDENTIAL_TYPE });
		await form.rename(CREDENTIAL_NAME);
		await form.choose('Environment', 'Custom (API URL and Token URL)');
		await form.fill('API URL', simulator.url);
		await form.fill('Token URL', simulator.tokenUrl());
		await form.fill('Client ID', DEFAULT_APP.clientId);
		await form.fill('Client Secret', DEFAULT_APP.clientSecret);
		let seen = simulator.requests.length;
		await form.save();
		await expectText(form.success, /success/i);
		assert.deepEqual(
			simulator.requests.slice(seen).map((request) => [request.method, request.path.replace(/^\/[^/]+\/oauth2/, '/{tenant}/oauth2'), request.status]),
			[
				['POST', '/{tenant}/oauth2/v2.0/token', 200],
				['GET', '/api/machines', 200],
			],
			'the test took a token and read one device',
		);
		await shoot('credential.png');

		seen = simulator.requests.length;
		await form.fill('Client Secret', 'not-the-secret');
		await form.save();
		// n8n's OAuth2 layer shows the OAuth2 standard's text for Entra's invalid_client, not AADSTS7000215.
		const failure = await expectText(form.failure, /Client authentication failed/);
		assert.match(failure, /Couldn't connect with these settings/);
		const refused = simulator.requests.slice(seen).filter((request) => request.path.endsWith('/oauth2/v2.0/token'));
		assert.deepEqual(refused.map((request) => request.status), [401], 'Entra refused the token request once');
		assert.match(refused.length ? JSON.stringify(refused[0]) : '', /client_secret=not-the-secret/);
		await shoot('credential-wrong-secret.png');

		// Back to the right secret, so the node below runs with the credential made here.
		await form.fill('Client Secret', DEFAULT_APP.clientSecret);
		await form.save();
		await expectText(form.success, 'Connection tested successfully');
		await form.close();
	});

	step('shows the example workflow on the canvas', async () => {
		const workflow = demo.examples.find((example) => example.name.startsWith('Defender: list pending'));
		await page.goto(`${demo.n8n.baseUrl}/workflow/${workflow.id}`);
		const nodes = page.getByTestId('canvas-node');
		await nodes.nth(workflow.nodes.length - 1).waitFor();
		assert.equal(await nodes.count(), workflow.nodes.length);
		await page.getByTestId('zoom-to-fit').click();
		await shoot('canvas.png');
	});

	let ndv;

	step('adds the node from the nodes panel, cancels an action picked from the list, and shows it Cancelled', async () => {
		const { simulator } = demo;
		await page.goto(`${demo.n8n.baseUrl}/workflow/new`);
		ndv = await addActionFromNodesPanel(page, { search: 'Defender', node: NODE, action: CANCEL_ACTION });
		assert.equal(await ndv.value('Resource'), 'Machine Action');
		assert.equal(await ndv.value('Operation'), 'Cancel');
		await ndv.chooseCredential(CREDENTIAL_NAME);

		// The list's search matches ids too; the entry reads "RunAntiVirusScan · laptop-042... · Pending · ...".
		const pending = demo.others[1];
		const picked = await ndv.pickFromList(MACHINE_ACTION, pending.id);
		assert.ok(picked.startsWith(`${pending.type} · ${pending.computerDnsName} · Pending`), picked);
		await ndv.fill('Comment', 'Cancelled from the editor by the browser test');
		const cancelsBefore = cancelRequests(simulator).length;
		await ndv.execute();

		const [item, ...more] = await ndv.outputJson();
		assert.equal(more.length, 0, 'one output item');
		assert.equal(item.id, pending.id);
		assert.equal(item.status, 'Cancelled');
		assert.equal(simulator.actions.get(pending.id).status, 'Cancelled');
		assert.equal(item.cancellationComment, 'Cancelled from the editor by the browser test');
		const sent = cancelRequests(simulator).slice(cancelsBefore);
		assert.deepEqual(
			sent.map((request) => [request.path, JSON.parse(request.body).Comment, request.status]),
			[[`/api/machineactions/${item.id}/cancel`, 'Cancelled from the editor by the browser test', 200]],
			'exactly one cancel was sent',
		);
		await shoot('execution.png');
	});

	step('shows the error for an unknown machine action id once, in the output panel', async () => {
		const { simulator } = demo;
		if (!ndv) {
			await page.goto(`${demo.n8n.baseUrl}/workflow/new`);
			ndv = await addActionFromNodesPanel(page, { search: 'Defender', node: NODE, action: CANCEL_ACTION });
			await ndv.chooseCredential(CREDENTIAL_NAME);
		}
		await ndv.setById(MACHINE_ACTION, UNKNOWN_ACTION_ID);
		await ndv.fill('Comment', 'Cancelled from the editor by the browser test');
		const cancelsBefore = cancelRequests(simulator).length;
		await ndv.execute();
		const expected = `Machine action ${UNKNOWN_ACTION_ID} was not found`;
		const message = await expectText(ndv.output.getByTestId('node-error-message'), expected);
		assert.equal(message.trim(), expected);
		const panel = await ndv.output.innerText();
		assert.equal(panel.split(expected).length - 1, 1, `said once in the output panel:\n${panel}`);
		assert.deepEqual(
			cancelRequests(simulator).slice(cancelsBefore).map((request) => [request.path, request.status]),
			[[`/api/machineactions/${UNKNOWN_ACTION_ID}/cancel`, 404]],
			'one cancel sent, a 404 not retried',
		);
		await shoot('unknown-id.png');
	});
});
