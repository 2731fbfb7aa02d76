// Screenshots for the README from the n8n that `npm start` runs: the example workflow on the canvas
// and its execution result. Needs Debian's chromium-headless-shell and Node 22+ (for WebSocket):
//   npm start   (in another terminal), then: <node 24> demo/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../e2e/packedPackage.mjs';

const BASE = process.env.N8N_URL ?? 'http://127.0.0.1:5678';
const OWNER = { emailOrLdapLoginId: 'demo@example.com', password: 'Defender-demo-1' };
const OUT = join(repoRoot, 'docs');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function rest(path, options = {}, cookie = '') {
	const response = await fetch(`${BASE}${path}`, {
		...options,
		headers: { 'Content-Type': 'application/json', cookie, ...(options.headers ?? {}) },
	});
	if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`);
	return response;
}

/** A minimal Chrome DevTools Protocol client over the browser's page WebSocket. */
async function openPage(port) {
	let targets;
	for (let attempt = 0; attempt < 50 && !targets; attempt++) {
		targets = await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json()).catch(() => undefined);
		if (!targets) await sleep(200);
	}
	const page = targets.find((target) => target.type === 'page');
	const socket = new WebSocket(page.webSocketDebuggerUrl);
	await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
	let nextId = 0;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		if (message.id && pending.has(message.id)) {
			pending.get(message.id)(message);
			pending.delete(message.id);
		}
	});
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { send, close: () => socket.close() };
}

async function main() {
	const login = await rest('/rest/login', { method: 'POST', body: JSON.stringify(OWNER) });
	const cookie = login.headers.get('set-cookie').split(';')[0];
	const workflows = (await (await rest('/rest/workflows', {}, cookie)).json()).data;
	const workflow = workflows.find((entry) => entry.name.startsWith('Defender: list pending'));

	const port = 9333;
	const browser = spawn('chromium-headless-shell', [`--remote-debugging-port=${port}`, '--no-sandbox', '--window-size=1440,900', 'about:blank'], { stdio: 'ignore' });
	try {
		const page = await openPage(port);
		await page.send('Page.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false });
		const [name, value] = cookie.split('=');
		await page.send('Network.setCookie', { name, value, url: BASE });
		mkdirSync(OUT, { recursive: true });
		const evaluate = async (expression) => (await page.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
		const waitFor = async (expression, what) => {
			for (let waited = 0; waited < 90_000; waited += 500) {
				if (await evaluate(expression)) return;
				await sleep(500);
			}
			throw new Error(`Timed out waiting for ${what}`);
		};
		const shoot = async (file) => {
			const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
			writeFileSync(join(OUT, file), Buffer.from(data, 'base64'));
			console.log(`wrote docs/${file}`);
		};
		await page.send('Page.navigate', { url: `${BASE}/workflow/${workflow.id}` });
		await waitFor(`document.querySelectorAll('[data-test-id="canvas-node"]').length >= 4`, 'the canvas');
		await sleep(1500);
		await shoot('canvas.png');
		// Run it as a user would, with the editor's button, then open the Cancel node's output.
		await evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]').click()`);
		await waitFor(`document.body.innerText.includes('executed successfully')`, 'the run to finish');
		await sleep(1500);
		const box = await evaluate(`(() => {
			const node = [...document.querySelectorAll('[data-test-id="canvas-node"]')].find((el) => el.innerText.includes('Cancel each'));
			const rect = node.getBoundingClientRect();
			return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 3 };
		})()`);
		for (const type of ['mousePressed', 'mouseReleased']) {
			await page.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
		}
		for (const type of ['mousePressed', 'mouseReleased']) {
			await page.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 2 });
		}
		await waitFor(`document.querySelector('[data-test-id="ndv"]') !== null || document.querySelector('[data-test-id="output-panel"]') !== null`, 'the node output').catch(async (error) => {
			await shoot('execution-debug.png');
			throw error;
		});
		// The JSON view shows what the cancel returned, status and cancellation comment included.
		await evaluate(`(() => {
			const panel = document.querySelector('[data-test-id="output-panel"]') ?? document;
			[...panel.querySelectorAll('label, button, span')].find((el) => el.textContent.trim() === 'JSON')?.click();
		})()`);
		await sleep(2000);
		await shoot('execution.png');
		page.close();
	} finally {
		browser.kill();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
