// Preloaded into every n8n process of the queue-mode test (NODE_OPTIONS=--require): a TCP connection to
// anything but loopback is refused before any DNS lookup, and said on stderr so the test can fail on it.
'use strict';
const net = require('node:net');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;
const connect = net.Socket.prototype.connect;

/** The host a Socket#connect call names, or undefined for a unix socket (a path). */
function hostOf(args) {
	let first = args[0];
	if (Array.isArray(first)) first = first[0]; // node's own normalized [options, callback]
	if (first !== null && typeof first === 'object') return first.path ? undefined : (first.host ?? 'localhost');
	if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
	return typeof args[1] === 'string' ? args[1] : 'localhost';
}

net.Socket.prototype.connect = function (...args) {
	const host = hostOf(args);
	if (host === undefined || LOOPBACK.test(host)) return connect.apply(this, args);
	process.stderr.write(`[loopback-only] refused a connection to ${host}\n`);
	process.nextTick(() => this.destroy(Object.assign(new Error(`connect ECONNREFUSED ${host} (loopback only in this test)`), { code: 'ECONNREFUSED' })));
	return this;
};
