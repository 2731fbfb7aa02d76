// n8n in queue mode: one main (editor, API, production webhooks) and workers, sharing Postgres and
// Redis, each process with its own user folder and task broker port, as separate hosts would have.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { freePort, LoggedProcess } from './services.mjs';

const execFileAsync = promisify(execFile);
const LOOPBACK_ONLY = fileURLToPath(new URL('./loopbackOnly.cjs', import.meta.url));
const REFUSED = /^\[loopback-only\] .*$/gm;

/** The line n8n 2.x's job processor logs (at info) when a worker takes a job off the queue. */
export const WORKER_STARTED_EXECUTION = /Worker started execution (\d+) \(job (\d+)\)/g;

export class N8nQueue {
	/**
	 * @param installed what ensureN8n() returns
	 * @param options.extensionsDir the custom-extensions folder holding the packed package
	 * @param options.redis `{ port }`; options.postgres `{ host, port, database, user, password }`
	 */
	constructor(installed, { extensionsDir, redis, postgres }) {
		this.installed = installed;
		this.folders = [];
		this.processes = [];
		this.workers = [];
		this.workerCount = 0;
		this.cliRefused = [];
		this.sharedEnv = {
			...installed.env,
			N8N_CUSTOM_EXTENSIONS: extensionsDir,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENCRYPTION_KEY: 'defender-e2e-encryption-key',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			// Nothing but loopback: the MCP server registry refresh would call api.n8n.io, and any other
			// connection elsewhere is refused and logged by the preload.
			N8N_DISABLED_MODULES: 'mcp-registry',
			NODE_OPTIONS: `${installed.env.NODE_OPTIONS ?? ''} --require "${LOOPBACK_ONLY}"`.trim(),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
		};
		this.cliFolder = this.folder('cli');
	}

	folder(role) {
		const dir = mkdtempSync(join(tmpdir(), `n8n-queue-${role}-`));
		this.folders.push(dir);
		return dir;
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	async cli(args) {
		try {
			const env = { ...this.sharedEnv, N8N_USER_FOLDER: this.cliFolder, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
			const { stdout, stderr } = await execFileAsync(this.installed.bin, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
			this.cliRefused.push(...(stderr.match(REFUSED) ?? []).map((line) => `n8n ${args[0]}: ${line}`));
			return stdout;
		} catch (error) {
			throw new Error(`n8n ${args.join(' ')} failed:\n${(error.stderr ?? '').slice(-3000)}${(error.stdout ?? '').slice(-3000)}`);
		}
	}

	async importJson(kind, entities) {
		const file = join(this.cliFolder, `${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(entities));
		await this.cli([`import:${kind}`, `--input=${file}`]);
	}

	async activate(workflowId) {
		await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	async spawn(name, args, env) {
		const child = new LoggedProcess(name, this.installed.bin, args, {
			env: { ...this.sharedEnv, N8N_USER_FOLDER: this.folder(name), N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
		});
		this.processes.push(child);
		return child;
	}

	/** `n8n start`: the main process, which takes the production webhooks and puts their executions on the queue. */
	async startMain() {
		this.port = await freePort();
		this.main = await this.spawn('main', ['start'], { N8N_PORT: String(this.port), N8N_LISTEN_ADDRESS: '127.0.0.1' });
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (!this.main.running) throw new Error(`n8n start exited:\n${this.main.tail()}`);
			try {
				if ((await fetch(`${this.baseUrl}/healthz/readiness`)).ok) return this.main;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`n8n main did not become ready on ${this.baseUrl}:\n${this.main.tail()}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** `n8n worker`: takes executions off the queue; ready once it says so. */
	async startWorker(concurrency) {
		const name = `worker${++this.workerCount}`;
		const worker = await this.spawn(name, ['worker', `--concurrency=${concurrency}`], {});
		this.workers.push(worker);
		await worker.waitForLog(/n8n worker is now ready/, 180_000, 'being ready');
		return worker;
	}

	/** The execution ids each worker took off the queue, from its log. */
	executionsByWorker() {
		return new Map(this.workers.map((worker) => [worker.name, [...worker.log.matchAll(WORKER_STARTED_EXECUTION)].map((match) => match[1])]));
	}

	/**
	 * Waits until the main has registered a production webhook: a GET to a POST webhook is refused with
	 * "Did you mean to make a POST request?" once it is registered, and as unknown before. Starts no execution.
	 */
	async waitForWebhook(path, method = 'POST', timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`);
			const text = await response.text();
			if (response.status === 404 && text.includes(`make a ${method} request`)) return;
			if (Date.now() > deadline) throw new Error(`n8n did not register the webhook ${method} /webhook/${path} (GET answers ${response.status} ${text}):\n${this.main.tail()}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** POSTs JSON to a production webhook, waiting while the main is still registering it after start. */
	async postWebhook(path, body, signal) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
				signal,
			});
			if (response.status !== 404 || Date.now() > deadline) return response;
			await response.body?.cancel();
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	/** Connections to anything but loopback that an n8n process tried (and the preload refused). */
	refusedConnections() {
		return [...this.cliRefused, ...this.processes.flatMap((child) => (child.log.match(REFUSED) ?? []).map((line) => `${child.name}: ${line}`))];
	}

	logTails(lines = 40) {
		return this.processes.map((child) => child.tail(lines)).join('\n');
	}

	async stop() {
		await Promise.all(this.processes.map((child) => child.stop(15_000)));
		for (const dir of this.folders) rmSync(dir, { recursive: true, force: true });
	}
}
