// Preloaded into every n8n process the suites and the demo start (NODE_OPTIONS=--require), and from there
// into every process n8n starts: a TCP connection or a DNS look-up for anything but loopback is refused,
// said on stderr and appended to the record file named by N8N_LOOPBACK_GUARD_RECORD, which the suites
// assert to be empty.
'use strict';
const childProcess = require('node:child_process');
const dns = require('node:dns');
const { appendFileSync } = require('node:fs');
const net = require('node:net');

const RECORD_VARIABLE = 'N8N_LOOPBACK_GUARD_RECORD';
const RECORD = process.env[RECORD_VARIABLE];
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|0:0:0:0:0:0:0:1|::ffff:127(\.\d{1,3}){3})$/i;

const isLoopback = (host) =>
	LOOPBACK.test(
		String(host)
			.replace(/^\[(.*)\]$/, '$1')
			.replace(/\.$/, ''),
	);

/** Where the attempt came from: the first frames outside this file and node's internals. */
function caller() {
	return (new Error().stack ?? '')
		.split('\n')
		.slice(1)
		.map((line) => line.trim().replace(/^at /, ''))
		.filter((line) => !line.includes(__filename) && !line.includes('node:'))
		.slice(0, 4)
		.join(' < ');
}

function record(what) {
	const line = `pid ${process.pid} (${process.argv.slice(1, 3).join(' ')}): ${what} at ${caller() || '(no user frame)'}`;
	process.stderr.write(`[loopback-guard] refused ${what}\n`);
	if (RECORD) appendFileSync(RECORD, `${line}\n`);
}

const refusal = (code, syscall, host) =>
	Object.assign(
		new Error(`${syscall} ${code} ${host} (n8n reaches loopback only in these tests)`),
		{ code, syscall, hostname: host },
	);

// net: every client socket (http, https, tls, fetch/undici, Redis, Postgres) connects through Socket#connect.
const connect = net.Socket.prototype.connect;

/** The host a Socket#connect call names, or undefined for a unix socket (a path). */
function hostOf(args) {
	let first = args[0];
	if (Array.isArray(first)) first = first[0]; // node's own normalized [options, callback]
	if (first !== null && typeof first === 'object')
		return first.path ? undefined : (first.host ?? 'localhost');
	if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
	return typeof args[1] === 'string' ? args[1] : 'localhost';
}

net.Socket.prototype.connect = function (...args) {
	const host = hostOf(args);
	if (host === undefined || isLoopback(host)) return connect.apply(this, args);
	record(`a connection to ${host}`);
	process.nextTick(() => this.destroy(refusal('ECONNREFUSED', 'connect', host)));
	return this;
};

// dns: look-ups and queries for a name that is not loopback fail as unknown names, before any query leaves.
const QUERIES = /^(lookup|lookupService|reverse|resolve\w*)$/;

/** Whether `name` may go ahead for `host`: loopback, or an address that lookup() answers without asking anyone. */
const allowed = (name, host) =>
	!host || isLoopback(host) || (name === 'lookup' && net.isIP(String(host)) !== 0);

/** Wraps the callback-style query `name` of `target` (the dns module or a Resolver's prototype). */
function guardCallbacks(target, name, label) {
	const original = target[name];
	target[name] = function (host, ...rest) {
		if (allowed(name, host)) return original.call(this, host, ...rest);
		record(`${label}(${host})`);
		const callback = rest.findLast((arg) => typeof arg === 'function');
		if (callback) process.nextTick(callback, refusal('ENOTFOUND', name, host));
		return {};
	};
}

/** Wraps the promise-style query `name` of `target` (dns.promises or its Resolver's prototype). */
function guardPromises(target, name, label) {
	const original = target[name];
	target[name] = function (host, ...rest) {
		if (allowed(name, host)) return original.call(this, host, ...rest);
		record(`${label}(${host})`);
		return Promise.reject(refusal('ENOTFOUND', name, host));
	};
}

const queriesOf = (target) =>
	Object.getOwnPropertyNames(target).filter(
		(name) => QUERIES.test(name) && typeof target[name] === 'function',
	);
for (const name of queriesOf(dns)) guardCallbacks(dns, name, `dns.${name}`);
for (const name of queriesOf(dns.Resolver.prototype))
	guardCallbacks(dns.Resolver.prototype, name, `dns.Resolver#${name}`);
for (const name of queriesOf(dns.promises))
	guardPromises(dns.promises, name, `dns.promises.${name}`);
for (const name of queriesOf(dns.promises.Resolver.prototype))
	guardPromises(dns.promises.Resolver.prototype, name, `dns.promises.Resolver#${name}`);

// Children: n8n starts its task runners with an environment of its own making, without NODE_OPTIONS, so
// every child started through ChildProcess#spawn (spawn, fork, exec, execFile) gets the guard back.
const spawn = childProcess.ChildProcess.prototype.spawn;
childProcess.ChildProcess.prototype.spawn = function (options) {
	if (Array.isArray(options?.envPairs)) {
		const pairs = options.envPairs.filter(
			(pair) => !pair.startsWith('NODE_OPTIONS=') && !pair.startsWith(`${RECORD_VARIABLE}=`),
		);
		const nodeOptions =
			options.envPairs
				.find((pair) => pair.startsWith('NODE_OPTIONS='))
				?.slice('NODE_OPTIONS='.length) ?? '';
		const guarded = nodeOptions.includes(__filename)
			? nodeOptions
			: `${nodeOptions} --require ${JSON.stringify(__filename)}`.trim();
		pairs.push(`NODE_OPTIONS=${guarded}`);
		if (RECORD) pairs.push(`${RECORD_VARIABLE}=${RECORD}`);
		options = { ...options, envPairs: pairs };
	}
	return spawn.call(this, options);
};
