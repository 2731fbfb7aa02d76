// Child processes whose output the suites keep, free loopback ports for them, and waiting on a condition.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port free right now, for a server of the test's own. */
export async function freePort() {
	return await new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Polls `condition` every 50 ms (short enough for the stop suite's timings) until it holds. */
export async function waitFor(condition, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export const tail = (text, lines = 40) =>
	String(text).trimEnd().split('\n').slice(-lines).join('\n');

/** Every LoggedProcess still running, so a test process that dies abruptly still takes them down. */
const live = new Set();
function killAllNow() {
	for (const child of live) child.killGroup('SIGKILL');
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
	// A handler of the caller's own (the demo's) stops them gracefully; alone, this one takes them down.
	process.on(signal, () => {
		if (process.listenerCount(signal) > 1) return;
		killAllNow();
		process.exit(130);
	});
}

/**
 * A child process whose output is kept (the last 200 kB) for assertions and failure messages. It leads a
 * process group of its own, so what it starts (n8n's task runner, Postgres' backends) goes down with it.
 */
export class LoggedProcess {
	constructor(name, command, args, options = {}) {
		this.name = name;
		this.log = '';
		this.child = spawn(command, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			...options,
		});
		live.add(this);
		this.exited = new Promise((resolve) =>
			this.child.once('exit', (code, signal) => {
				live.delete(this);
				resolve({ code, signal });
			}),
		);
		this.child.once('error', (error) => {
			live.delete(this);
			this.append(`\n[spawn error] ${error.message}\n`);
		});
		this.child.stdout.on('data', (chunk) => this.append(chunk.toString()));
		this.child.stderr.on('data', (chunk) => this.append(chunk.toString()));
	}

	append(text) {
		this.log = (this.log + text).slice(-200_000);
	}

	get running() {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Signals the whole group this process leads; a group already gone is fine. */
	killGroup(signal) {
		if (this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// no such group any more
		}
	}

	tail(lines = 40) {
		return `--- ${this.name} (last ${lines} lines) ---\n${tail(this.log, lines)}`;
	}

	/** Waits until the log matches, failing early when the process exits. */
	async waitForLog(pattern, timeoutMs, what) {
		const deadline = Date.now() + timeoutMs;
		while (!pattern.test(this.log)) {
			if (!this.running) throw new Error(`${this.name} exited before ${what}:\n${this.tail()}`);
			if (Date.now() > deadline)
				throw new Error(
					`${this.name}: timed out after ${timeoutMs / 1000} s waiting for ${what}:\n${this.tail()}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** SIGTERM to the process (it shuts down what it started), SIGKILL to its group after graceMs, and to what is left. */
	async stop(graceMs = 10_000) {
		if (this.running) {
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		this.killGroup('SIGKILL');
	}
}
