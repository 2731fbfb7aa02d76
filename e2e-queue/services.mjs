// Private Redis and Postgres instances for the queue-mode test: installed from Debian if missing,
// started on free loopback ports in temp folders, never the system services.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort, LoggedProcess, tail } from '../e2e/support/processes.mjs';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function onPath(command) {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, command))) return join(dir, command);
	}
	return undefined;
}

/** The folder holding initdb, pg_ctl and psql: Debian's newest /usr/lib/postgresql/N/bin, else the one on PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return join(root, versions[0], 'bin');
	}
	const initdb = onPath('initdb');
	return initdb ? initdb.slice(0, -'/initdb'.length) : undefined;
}

/** Installs Debian's redis-server and postgresql when either is missing (as root), or says what to install. */
export function ensureServices() {
	const missing = () =>
		[!onPath('redis-server') && 'redis-server', !postgresBinDir() && 'postgresql'].filter(Boolean);
	if (missing().length === 0)
		return { redisServer: onPath('redis-server'), postgresBin: postgresBinDir() };
	if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`The queue-mode test needs Redis and PostgreSQL 15 or later on this machine; missing: ${missing().join(', ')}. ` +
				'On Debian or Ubuntu: apt-get install -y redis-server postgresql (redis-server on PATH, initdb in /usr/lib/postgresql/N/bin or on PATH).',
		);
	}
	console.log(`# installing ${missing().join(' and ')} with apt-get (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['update'], { stdio: ['ignore', 'pipe', 'pipe'], env });
		execFileSync(
			'apt-get',
			['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql'],
			{ stdio: ['ignore', 'pipe', 'pipe'], env },
		);
	} catch (error) {
		throw new Error(
			`apt-get could not install redis-server and postgresql:\n${tail(`${error.stdout ?? ''}${error.stderr ?? ''}`)}`,
		);
	}
	if (missing().length > 0)
		throw new Error(`apt-get ran, but ${missing().join(' and ')} is still missing.`);
	return { redisServer: onPath('redis-server'), postgresBin: postgresBinDir() };
}

async function redisAnswers(port) {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

/** A private redis-server on a free loopback port, without persistence. */
export async function startRedis(redisServer) {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'defender-queue-redis-'));
	const redis = new LoggedProcess(
		'redis-server',
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir },
	);
	const deadline = Date.now() + 20_000;
	while (!(await redisAnswers(port))) {
		if (!redis.running) throw new Error(`redis-server exited:\n${redis.tail()}`);
		if (Date.now() > deadline)
			throw new Error(`redis-server did not answer PING on port ${port}:\n${redis.tail()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		port,
		process: redis,
		async stop() {
			await redis.stop(5_000);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * A private Postgres cluster in a temp folder, on 127.0.0.1:<free port>, with a database and a user with a
 * password. Postgres refuses to run as root, so as root its commands run as the `postgres` OS user.
 */
export async function startPostgres(
	binDir,
	{ database = 'n8n', user = 'n8n', password = 'n8n-queue-test' } = {},
) {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'defender-queue-pg-'));
	const data = join(dir, 'data');
	const socketDir = join(dir, 'socket');
	mkdirSync(socketDir);
	const asRoot = isRoot();
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		for (const path of [dir, socketDir]) chownSync(path, uid, gid);
	}
	const asUser = (command, args) =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	const pg = (tool, args) => {
		const [file, argv] = asUser(join(binDir, tool), args);
		try {
			return execFileSync(file, argv, {
				cwd: dir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 120_000,
			});
		} catch (error) {
			throw new Error(
				`${tool} ${args.join(' ')} failed:\n${tail(`${error.stdout ?? ''}${error.stderr ?? ''}`)}`,
			);
		}
	};
	pg('initdb', [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'--encoding=UTF8',
		'--locale=C',
		'--no-sync',
	]);
	// A throwaway cluster: no durability, loopback only, its socket in its own folder.
	const settings = [
		['listen_addresses', '127.0.0.1'],
		['port', port],
		['unix_socket_directories', socketDir],
		['fsync', 'off'],
		['synchronous_commit', 'off'],
		['full_page_writes', 'off'],
	].flatMap(([name, value]) => ['-c', `${name}=${value}`]);
	// The postmaster runs as this process's child (not daemonized by pg_ctl), so it is reaped and can be killed.
	const postgres = new LoggedProcess(
		'postgres',
		...asUser(join(binDir, 'postgres'), ['-D', data, ...settings]),
		{ cwd: dir },
	);
	const stop = async () => {
		try {
			if (postgres.running) pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
		} catch {
			// killed below
		} finally {
			await postgres.stop(5_000);
			rmSync(dir, { recursive: true, force: true });
		}
	};
	try {
		await postgres.waitForLog(
			/database system is ready to accept connections/,
			60_000,
			'accepting connections',
		);
		const sql = (statement) =>
			pg('psql', [
				'-h',
				socketDir,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-qAtc',
				statement,
			]);
		sql(`CREATE USER ${user} WITH PASSWORD '${password}'`);
		sql(`CREATE DATABASE ${database} OWNER ${user}`);
		const version = sql('SHOW server_version').trim();
		return {
			host: '127.0.0.1',
			port,
			database,
			user,
			password,
			version,
			/** Runs SQL in the test database and returns psql's unaligned rows. */
			query: (statement) =>
				pg('psql', [
					'-h',
					socketDir,
					'-p',
					String(port),
					'-U',
					'postgres',
					'-d',
					database,
					'-v',
					'ON_ERROR_STOP=1',
					'-qAtc',
					statement,
				]),
			process: postgres,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
