// One real n8n (user folder, database, the packed package installed as a community package) driven through
// its CLI and HTTP server; every process it starts runs with n8nEnv() and records its outbound attempts in a
// file of its own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { LOOPBACK_GUARD_RECORD, n8nEnv } from './n8nEnv.mjs';
import { installCommunityPackage } from './packedPackage.mjs';
import { freePort, LoggedProcess } from './processes.mjs';

const execFileAsync = promisify(execFile);

export class N8nInstance {
	/**
	 * @param installed what ensureN8n() returns
	 * @param options.port the HTTP port of `n8n start` (or set `port` before start())
	 * @param options.env settings on top of n8nEnv()'s for every process of this instance
	 * @param options.userFolder a user folder to keep (the demo's); a new temporary one when not given
	 */
	constructor(installed, { port, env = {}, userFolder } = {}) {
		this.installed = installed;
		this.port = port;
		this.processes = [];
		this.cliRuns = 0;
		if (userFolder) mkdirSync(userFolder, { recursive: true });
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), `n8n-e2e-${installed.version}-`));
		this.recordFolder = mkdtempSync(join(tmpdir(), 'n8n-loopback-guard-'));
		/** user folder → the install of the packed package into it, once per folder. */
		this.packageInstalls = new Map();
		this.env = n8nEnv(installed, { N8N_USER_FOLDER: this.userFolder, ...env });
	}

	/** Installs the packed package into a user folder's nodes folder, once per folder and instance. */
	async installPackage(folder = this.userFolder) {
		if (!this.packageInstalls.has(folder))
			this.packageInstalls.set(folder, installCommunityPackage(folder));
		await this.packageInstalls.get(folder);
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The `n8n start` child process (its stdout and stderr), once start() ran. */
	get server() {
		return this.main?.child;
	}

	/** n8n 2.x always starts a task broker: each process gets its own port, so instances and CLI runs never collide. */
	async processEnv(name, env = {}) {
		await this.installPackage(env.N8N_USER_FOLDER ?? this.env.N8N_USER_FOLDER);
		return {
			...this.env,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			[LOOPBACK_GUARD_RECORD]: join(this.recordFolder, `${name}.log`),
			...env,
		};
	}

	async cli(args) {
		try {
			const { stdout } = await execFileAsync(this.installed.bin, args, {
				env: await this.processEnv(`cli-${++this.cliRuns}-${args[0].replace(/\W+/g, '-')}`),
				maxBuffer: 256 * 1024 * 1024,
				timeout: 180_000,
			});
			return stdout;
		} catch (error) {
			// `n8n execute` exits non-zero when the workflow fails, and still prints the run.
			if (typeof error.stdout === 'string' && error.stdout.includes('"resultData"'))
				return error.stdout;
			throw new Error(
				`n8n ${args.join(' ')} failed:\n${(error.stderr ?? '').slice(-3000)}${(error.stdout ?? '').slice(-3000)}`,
			);
		}
	}

	async importJson(kind, entities) {
		const file = join(this.userFolder, `${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(entities));
		try {
			await this.cli([`import:${kind}`, `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** Runs a workflow that starts with a manual trigger and returns n8n's run data. */
	async execute(workflowId) {
		const stdout = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		// The run is printed as pretty JSON among log lines: take the first block that parses.
		const start = stdout.search(/^\{/m);
		for (
			let end = stdout.indexOf('\n}', start);
			start >= 0 && end >= 0;
			end = stdout.indexOf('\n}', end + 2)
		) {
			try {
				return JSON.parse(stdout.slice(start, end + 2)).data.resultData;
			} catch {
				// not the end of the run yet
			}
		}
		throw new Error(`n8n execute printed no run data:\n${stdout.slice(-3000)}`);
	}

	/** The bytes of a binary in run data: inline base64 (n8n 1.x's default mode) or a file in filesystem mode (2.x: .n8n/storage). */
	binaryBytes(binary) {
		const stored = /^filesystem(?:-v2)?:(.+)$/.exec(binary.id ?? '');
		if (!stored) return Buffer.from(binary.data, 'base64');
		const file = ['storage', 'binaryData']
			.map((folder) => join(this.userFolder, '.n8n', folder, stored[1]))
			.find(existsSync);
		if (!file) throw new Error(`n8n stored no file for binary ${binary.id} in ${this.userFolder}`);
		return readFileSync(file);
	}

	async activate(workflowId) {
		await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/** A long-running n8n command (`start`, `worker`) as a LoggedProcess of this instance. */
	async spawn(name, args, env = {}) {
		const child = new LoggedProcess(name, this.installed.bin, args, {
			env: await this.processEnv(name, env),
		});
		this.processes.push(child);
		return child;
	}

	/** `n8n start` on 127.0.0.1:port, ready once it answers its readiness check. */
	async start(env = {}) {
		this.main = await this.spawn('main', ['start'], {
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			...env,
		});
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (!this.main.running) throw new Error(`n8n start exited:\n${this.main.tail(200)}`);
			try {
				if ((await fetch(`${this.baseUrl}/healthz/readiness`)).ok) return this.main;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline)
				throw new Error(`n8n did not become ready on ${this.baseUrl}:\n${this.main.tail(200)}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** POSTs JSON to a production webhook, waiting while n8n is still activating workflows after start. */
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

	/** What the guard refused and recorded, `<process>: <line>` each, from every process of this instance so far. */
	outboundAttempts() {
		// assertLoopbackOnly() removes the folder once it found it empty.
		if (!existsSync(this.recordFolder)) return [];
		return readdirSync(this.recordFolder)
			.sort()
			.flatMap((file) =>
				readFileSync(join(this.recordFolder, file), 'utf8')
					.split('\n')
					.filter(Boolean)
					.map((line) => `${file.replace(/\.log$/, '')}: ${line}`),
			);
	}

	/** Fails, listing the attempts, when any process of this instance tried to reach beyond loopback; call after stop(). */
	assertLoopbackOnly() {
		assert.deepEqual(
			this.outboundAttempts(),
			[],
			`n8n ${this.installed.version} tried to reach a host other than loopback`,
		);
		rmSync(this.recordFolder, { recursive: true, force: true });
	}

	logTails(lines = 40) {
		return this.processes.map((child) => child.tail(lines)).join('\n');
	}

	async stop() {
		await Promise.all(this.processes.map((child) => child.stop(15_000)));
	}
}
