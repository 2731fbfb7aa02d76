import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) =>
	new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Three devices on 10.1.2.3 at different times, relative to now so the 30-day rule keeps holding. */
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
	const now = Date.now();
	const on = (ip: string) => ({
		lastIpAddress: ip,
		ipAddresses: [{ ipAddress: ip, macAddress: '00AABBCCDDEE', operationalStatus: 'Up' }],
	});
	simulator.addMachine({
		...on('10.1.2.3'),
		firstSeen: iso(now - 10 * DAY),
		lastSeen: iso(now - 60_000),
	});
	simulator.addMachine({
		...on('10.1.2.3'),
		firstSeen: iso(now - 20 * DAY),
		lastSeen: iso(now - 5 * DAY),
	});
	simulator.addMachine({
		...on('fd00::1:2'),
		firstSeen: iso(now - 3 * DAY),
		lastSeen: iso(now - HOUR),
	});
};
afterEach(async () => await simulator.close());

const machineAt = (index: number) => [...simulator.machines.values()][index];
const findByIp = (ipAddress: string, timestamp = '') => ({
	resource: 'machine',
	operation: 'findByIp',
	ipAddress,
	timestamp,
});
const findRequests = () =>
	simulator.apiRequests().filter((request) => request.path.includes('findbyip'));

describe('Machine → Find by IP', () => {
	it('asks about now when no time is given, and outputs the devices seen with the address then', async () => {
		await start();
		const before = Date.now();

		const { items, error } = await runDefenderNode({
			parameters: findByIp(' 10.1.2.3 '),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()).toHaveLength(1);
		const match =
			/^\/api\/machines\/findbyip\(ip='10\.1\.2\.3',timestamp=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)$/.exec(
				decodeURIComponent(findRequests()[0].path),
			);
		expect(match).not.toBeNull();
		expect(Date.parse(match?.[1] ?? '')).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(findRequests()[0].query).toEqual({});
		expect(items.map((item) => item.json.id)).toEqual([machineAt(0).id]);
	});

	it.each([
		['a time 6 days ago', 6 * DAY, 'fd00::1:2', []],
		['a time 5 days ago', 5 * DAY, '10.1.2.3', [0, 1]],
		['an IPv6 address 2 days ago', 2 * DAY, 'FD00::1:2', [2]],
	])('at %s, sends that time and outputs the devices seen', async (_label, ago, ip, expected) => {
		await start();
		const at = iso(Date.now() - ago);

		const { items, error } = await runDefenderNode({
			parameters: findByIp(ip, at),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(decodeURIComponent(findRequests()[0].path)).toBe(
			`/api/machines/findbyip(ip='${ip.toLowerCase()}',timestamp=${at})`,
		);
		expect(items.map((item) => item.json.id)).toEqual(expected.map((index) => machineAt(index).id));
	});

	it('names the read permission when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['User.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: findByIp('10.1.2.3'),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'The app registration is not allowed to read devices seen with IP 10.1.2.3',
		);
		expect(error?.description).toContain('Machine.Read.All or Machine.ReadWrite.All');
	});

	it.each([
		['an empty address (from an expression)', "={{ '' }}", '', 'IP Address is empty'],
		['a host name', 'desktop-001', '', 'IP Address must be an IPv4 or IPv6 address'],
		['an address with a port', '10.1.2.3:443', '', 'IP Address must be an IPv4 or IPv6 address'],
		['an address out of range', '10.1.2.256', '', 'IP Address must be an IPv4 or IPv6 address'],
		[
			'a quote that would end the ip literal',
			"10.1.2.3',timestamp=2020-01-01T00:00:00Z)/../../x('",
			'',
			'IP Address must be',
		],
		['an IPv6 zone', 'fe80::1%eth0', '', 'IP Address must be'],
		['a time that is not a date', '10.1.2.3', 'yesterday-ish', 'Time is not a date'],
		[
			'a time older than 30 days',
			'10.1.2.3',
			iso(Date.now() - 31 * DAY),
			"Time must be within the last 30 days (Defender's limit for Find by IP)",
		],
		['a time in the future', '10.1.2.3', iso(Date.now() + HOUR), 'Time is in the future'],
	])('refuses %s before sending anything', async (_label, ip, timestamp, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: findByIp(ip, timestamp),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it("passes on Defender's 400 when its clock already puts the time beyond 30 days", async () => {
		await start({ clockOffsetMs: 2 * DAY });

		const { error } = await runDefenderNode({
			parameters: findByIp('10.1.2.3', iso(Date.now() - 29 * DAY)),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			'Defender rejected the request for devices seen with IP 10.1.2.3',
		);
		expect(error?.message).toContain('within the last 30 days');
	});
});

describe('Find by IP when no device was seen', () => {
	const ISO_SECONDS = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/.source;

	it.each([
		['a new node (1.3) stops with an error naming the address and window', 1.3, {}, true],
		['1.3 set to Output Nothing outputs nothing', 1.3, { whenNoneSeen: 'nothing' }, false],
		['a 1.2 workflow outputs nothing, as before', 1.2, {}, false],
	])('%s', async (_label, typeVersion, extra, fails) => {
		await start();
		const at = iso(Date.now() - 2 * DAY);

		const { items, error } = await runDefenderNode({
			parameters: { ...findByIp('10.9.9.9', at), ...extra },
			credential: simulatorCredential(simulator),
			typeVersion,
		});

		expect(findRequests()).toHaveLength(1);
		expect(items).toEqual([]);
		if (!fails) return expect(error).toBeUndefined();
		expect(error?.message).toMatch(
			new RegExp(
				`^No device was seen with IP 10\\.9\\.9\\.9 between ${ISO_SECONDS} and ${ISO_SECONDS} \\(15 minutes either side of ${at}\\)$`,
			),
		);
		expect(error?.message).toContain(
			`between ${iso(Date.parse(at) - 15 * 60_000)} and ${iso(Date.parse(at) + 15 * 60_000)}`,
		);
		expect(error?.description).toContain('set If No Device Was Seen to Output Nothing');
	});

	it('finds the device in a new node as before', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: findByIp('10.1.2.3'),
			credential: simulatorCredential(simulator),
			typeVersion: 1.3,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([machineAt(0).id]);
	});
});
