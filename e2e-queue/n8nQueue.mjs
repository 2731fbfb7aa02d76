// n8n in queue mode: one main (editor, API, production webhooks) and workers, sharing Postgres and
// Redis, each process with its own user folder (the packed package installed in each, as on separate hosts)
// and task broker port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nInstance } from '../e2e/support/n8nInstance.mjs';
import { freePort } from '../e2e/support/processes.mjs';

/** The line n8n 2.x's job processor logs (at info) when a worker takes a job off the queue. */
export const WORKER_STARTED_EXECUTION = /Worker started execution (\d+) \(job (\d+)\)/g;

export class N8nQueue extends N8nInstance {
	/**
	 * @param installed what ensureN8n() returns
	 * @param options.redis `{ port }`; options.postgres `{ host, port, database, user, password }`
	 */
	constructor(installed, { redis, postgres }) {
		super(installed, {
			env: {
				N8N_LOG_LEVEL: 'info',
				N8N_LOG_OUTPUT: 'console',
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
			},
		});
		// The CLI keeps the instance's user folder; main and workers get one each.
		this.folders = [this.userFolder];
		this.workers = [];
		this.workerCount = 0;
	}

	async spawn(name, args, env = {}) {
		const folder = mkdtempSync(join(tmpdir(), `n8n-queue-${name}-`));
		this.folders.push(folder);
		return await super.spawn(name, args, { N8N_USER_FOLDER: folder, ...env });
	}

	/** `n8n start`: the main process, which takes the production webhooks and puts their executions on the queue. */
	async startMain() {
		this.port = await freePort();
		return await this.start();
	}

	/** `n8n worker`: takes executions off the queue; ready once it says so. */
	async startWorker(concurrency) {
		const name = `worker${++this.workerCount}`;
		const worker = await this.spawn(name, ['worker', `--concurrency=${concurrency}`]);
		this.workers.push(worker);
		await worker.waitForLog(/n8n worker is now ready/, 180_000, 'being ready');
		return worker;
	}

	/** The execution ids each worker took off the queue, from its log. */
	executionsByWorker() {
		return new Map(
			this.workers.map((worker) => [
				worker.name,
				[...worker.log.matchAll(WORKER_STARTED_EXECUTION)].map((match) => match[1]),
			]),
		);
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
			if (Date.now() > deadline)
				throw new Error(
					`n8n did not register the webhook ${method} /webhook/${path} (GET answers ${response.status} ${text}):\n${this.main.tail()}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	async stop() {
		await super.stop();
		for (const dir of this.folders) rmSync(dir, { recursive: true, force: true });
	}
}
