// One real n8n (user folder, database, custom extensions) driven through its CLI and HTTP server.
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A loopback port free right now, for a server of the test's own. */
export async function freePort() {
	return await new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

export class N8nInstance {
	constructor(installed, { extensionsDir, port }) {
		this.installed = installed;
		this.port = port;
		this.userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${installed.version}-`));
		this.env = {
			...installed.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_CUSTOM_EXTENSIONS: extensionsDir,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENCRYPTION_KEY: 'defender-e2e-encryption-key',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			// `n8n execute --rawOutput` prints the run only at the default log level.
		};
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** n8n 2.x always starts a task broker: each process gets its own port, so instances and CLI runs never collide. */
	async processEnv() {
		return { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	}

	async cli(args) {
		try {
			const { stdout } = await execFileAsync(this.installed.bin, args, {
				env: await this.processEnv(),
				maxBuffer: 256 * 1024 * 1024,
				timeout: 180_000,
			});
			return stdout;
		} catch (error) {
			// `n8n execute` exits non-zero when the workflow fails, and still prints the run.
			if (typeof error.stdout === 'string' && error.stdout.includes('"resultData"')) return error.stdout;
			throw new Error(`n8n ${args.join(' ')} failed:\n${(error.stderr ?? '').slice(-3000)}${(error.stdout ?? '').slice(-3000)}`);
		}
	}

	async importJson(kind, entities) {
		const file = join(this.userFolder, `${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(entities));
		await this.cli([`import:${kind}`, `--input=${file}`]);
	}

	/** Runs a workflow that starts with a manual trigger and returns n8n's run data. */
	async execute(workflowId) {
		const stdout = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		// The run is printed as pretty JSON among log lines: take the first block that parses.
		const start = stdout.search(/^\{/m);
		for (let end = stdout.indexOf('\n}', start); start >= 0 && end >= 0; end = stdout.indexOf('\n}', end + 2)) {
			try {
				return JSON.parse(stdout.slice(start, end + 2)).data.resultData;
			} catch {
				// not the end of the run yet
			}
		}
		throw new Error(`n8n execute printed no run data:\n${stdout.slice(-3000)}`);
	}

	async activate(workflowId) {
		await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	async start() {
		this.server = spawn(this.installed.bin, ['start'], { env: await this.processEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.serverLog = '';
		const collect = (chunk) => (this.serverLog = (this.serverLog + chunk.toString()).slice(-20_000));
		this.server.stdout.on('data', collect);
		this.server.stderr.on('data', collect);
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n start exited:\n${this.serverLog}`);
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready on ${this.baseUrl}:\n${this.serverLog}`);
	}

	/** POSTs JSON to a production webhook, waiting while n8n is still activating workflows after start. */
	async postWebhook(path, body) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (response.status !== 404 || Date.now() > deadline) return response;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	async stop() {
		if (!this.server || this.server.exitCode !== null) return;
		const exited = new Promise((resolve) => this.server.once('exit', resolve));
		this.server.kill('SIGTERM');
		const timer = setTimeout(() => this.server.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}
}
