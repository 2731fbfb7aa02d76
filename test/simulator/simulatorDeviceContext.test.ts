import { MAX_TAGGED_MACHINES, SAMPLE_FILES } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { SIMULATOR_START as START, SimulatorFixture } from '../harness/simulatorFixture';
import type { Answer } from '../harness/simulatorFixture';

let simulator: DefenderSimulator;
const fixture = new SimulatorFixture();
const start = async () => {
	simulator = await fixture.start({ rateLimit: false });
	simulator.seedMachines(4);
};
afterEach(async () => await fixture.close());

const statusAndCode = (answer: Answer) => [answer.status, answer.body.error?.code];
const idAt = (index: number) => [...simulator.machines.values()][index].id;
const HOUR = 3_600_000;

describe('Simulator tags and look-ups', () => {
	it.each([
		['no Value', { Action: 'Add' }, 'MissingRequiredParameter'],
		['an Action other than Add or Remove', { Value: 'x', Action: 'add' }, 'InvalidRequestBody'],
	])('a tag change with %s is a 400 %s', async (_label, body, code) => {
		await start();
		expect(
			statusAndCode(await fixture.call('POST', `/api/machines/${idAt(0)}/tags`, { body })),
		).toEqual([400, code]);
	});

	it('adding a tag twice keeps one, removing an absent tag changes nothing', async () => {
		await start();
		const path = `/api/machines/${idAt(1)}/tags`;
		await fixture.call('POST', path, { body: { Value: 'Tier0', Action: 'Add' } });
		const twice = await fixture.call('POST', path, { body: { Value: 'Tier0', Action: 'Add' } });
		const absent = await fixture.call('POST', path, { body: { Value: 'Nope', Action: 'Remove' } });

		expect(twice.body.machineTags).toEqual(['VIP', 'Tier0']);
		expect([absent.status, absent.body.machineTags]).toEqual([200, ['VIP', 'Tier0']]);
	});

	it.each([
		['no MachineIds', {}, 400, 'MissingRequiredParameter'],
		[
			'more than 500 ids',
			{ MachineIds: Array.from({ length: MAX_TAGGED_MACHINES + 1 }, () => 'a'.repeat(40)) },
			400,
			'InvalidInput',
		],
	])('a multi-device tag call with %s is refused', async (_label, ids, status, code) => {
		await start();
		expect(
			statusAndCode(
				await fixture.call('POST', '/api/machines/AddOrRemoveTagForMultipleMachines', {
					body: { Value: 'x', Action: 'Add', ...ids },
				}),
			),
		).toEqual([status, code]);
	});

	it('a multi-device tag call answers the devices it changed, leaving out unknown ids', async () => {
		await start();
		const answer = await fixture.call('POST', '/api/machines/AddOrRemoveTagForMultipleMachines', {
			body: {
				Value: 'Tier0',
				Action: 'Add',
				MachineIds: [idAt(0), 'f'.repeat(40), idAt(2).toUpperCase()],
			},
		});

		expect((answer.body.value as Array<{ id: string }>).map((machine) => machine.id)).toEqual([
			idAt(0),
			idAt(2),
		]);
		expect(simulator.machines.get(idAt(2))?.machineTags).toContain('Tier0');
	});

	it.each([
		['tag=finance', 200, 2],
		['tag=fin&useStartsWithFilter=true', 200, 2],
		['tag=fin', 200, 0],
		['useStartsWithFilter=true', 400, 'MissingRequiredParameter'],
		['tag=x&useStartsWithFilter=maybe', 400, 'InvalidInput'],
	])('findbytag?%s', async (query, status, expected) => {
		await start();
		const answer = await fixture.call('GET', `/api/machines/findbytag?${query}`);
		expect(answer.status).toBe(status);
		expect(status === 200 ? (answer.body.value as unknown[]).length : answer.body.error?.code).toBe(
			expected,
		);
	});

	it.each([
		[
			"the device's IP at its last sighting",
			(ip: string, seen: number) =>
				`ip='${ip}',timestamp=${new Date(seen + 10 * 60_000).toISOString()}`,
			200,
			1,
		],
		[
			'20 minutes after',
			(ip: string, seen: number) =>
				`ip='${ip}',timestamp=${new Date(seen + 20 * 60_000).toISOString()}`,
			200,
			0,
		],
		[
			'a time 31 days back',
			(ip: string) => `ip='${ip}',timestamp=${new Date(START - 31 * 24 * HOUR).toISOString()}`,
			400,
			'InvalidInput',
		],
		[
			'an address that is not one',
			() => `ip='not-an-ip',timestamp=${new Date(START).toISOString()}`,
			400,
			'InvalidInput',
		],
	])('findbyip at %s', async (_label, args, status, expected) => {
		await start();
		const machine = [...simulator.machines.values()][0];
		const answer = await fixture.call(
			'GET',
			`/api/machines/findbyip(${args(machine.lastIpAddress, Date.parse(machine.lastSeen))})`,
		);
		expect(answer.status).toBe(status);
		expect(status === 200 ? (answer.body.value as unknown[]).length : answer.body.error?.code).toBe(
			expected,
		);
	});
});

describe('Simulator enrichment', () => {
	const [file] = SAMPLE_FILES;

	it.each([
		['a known SHA-256', `/api/files/${file.sha256}`, 200, undefined],
		['an unknown SHA-1', `/api/files/${'0'.repeat(40)}`, 404, 'ResourceNotFound'],
		['an MD5', `/api/files/${'0'.repeat(32)}`, 400, 'InvalidInput'],
		[
			'stats over 720 hours',
			`/api/files/${file.sha1}/stats?lookBackHours=721`,
			400,
			'InvalidInput',
		],
		[
			"stats with the limitation text's spelling",
			`/api/files/${file.sha1}/stats?lookbackhours=24`,
			200,
			undefined,
		],
		['a malformed IP', '/api/ips/999.1.1.1/stats', 400, 'InvalidInput'],
		['a malformed domain', '/api/domains/no_dots/stats', 400, 'InvalidInput'],
	])('%s: %s answers %s', async (_label, path, status, code) => {
		await start();
		expect(statusAndCode(await fixture.call('GET', path))).toEqual([status, code]);
	});

	it("stats cover the look-back on Defender's clock: fewer hours, fewer devices, first seen inside the window", async () => {
		await start();
		const wide = await fixture.call('GET', `/api/files/${file.sha1}/stats?lookBackHours=720`);
		const narrow = await fixture.call('GET', `/api/files/${file.sha1}/stats?lookBackHours=24`);

		expect(Number(narrow.body.organizationPrevalence)).toBeLessThan(
			Number(wide.body.organizationPrevalence),
		);
		expect(Date.parse(String(narrow.body.orgFirstSeen))).toBeGreaterThanOrEqual(START - 24 * HOUR);
		expect(Date.parse(String(narrow.body.orgLastSeen))).toBeLessThanOrEqual(START);
		expect(Object.keys(wide.body).sort()).toEqual(
			[
				'@odata.context',
				'sha1',
				'organizationPrevalence',
				'orgFirstSeen',
				'orgLastSeen',
				'globallyPrevalence',
				'globalFirstObserved',
				'globalLastObserved',
				'topFileNames',
			].sort(),
		);
	});

	it.each([
		['/api/files/{sha1}', 'File.Read.All', `/api/files/${file.sha1}`],
		['/api/ips/{ip}/stats', 'Ip.Read.All', '/api/ips/10.0.0.10/stats'],
		['/api/domains/{domain}/stats', 'URL.Read.All', '/api/domains/example.com/stats'],
	])('%s is a 403 naming %s for an app without it', async (_label, role, path) => {
		await start();
		const app = {
			...simulator.apps[0],
			clientId: 'bbbbbbbb-0000-0000-0000-000000000001',
			roles: ['Machine.Read.All'],
		};
		simulator.apps.push(app);
		const answer = await fixture.call('GET', path, { app });
		expect(statusAndCode(answer)).toEqual([403, 'Forbidden']);
		expect(answer.body.error?.message).toContain(role);
	});
});
