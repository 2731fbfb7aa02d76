import { DEFAULT_APP } from '../../simulator/server';
import type { SimulatedApp } from '../../simulator/server';
import { SimulatorFixture } from '../harness/simulatorFixture';

const fixture = new SimulatorFixture();
afterEach(async () => await fixture.close());

const OWN_ONLY: SimulatedApp = {
	...DEFAULT_APP,
	clientId: 'bbbbbbbb-0000-0000-0000-000000000001',
	name: 'Own-only app',
	roles: ['Ti.ReadWrite'],
};
const indicator = (indicatorValue: string, indicatorType = 'FileSha256', action = 'Block') => ({
	indicatorValue,
	indicatorType,
	action,
	title: 't',
	description: 'd',
});
const code = (answer: { status: number; body: { error?: { code: string; message: string } } }) => [
	answer.status,
	answer.body.error?.code,
	answer.body.error?.message,
];

describe('Simulated indicators', () => {
	it.each([
		['Invalid FileSha256 value: ' + 'a'.repeat(63), indicator('a'.repeat(63))],
		['Invalid IpAddress value: 10.0.0.0/8', indicator('10.0.0.0/8', 'IpAddress')],
		[
			'Action Block is not supported for indicator type CertificateThumbprint',
			indicator('a'.repeat(40), 'CertificateThumbprint', 'Block'),
		],
		[
			'Action BlockAndRemediate is not supported for indicator type DomainName',
			indicator('example.com', 'DomainName', 'BlockAndRemediate'),
		],
		[
			'GenerateAlert must be true when action is Audit',
			indicator('a'.repeat(64), 'FileSha256', 'Audit'),
		],
		["Parameter 'title' is required", { ...indicator('a'.repeat(64)), title: undefined }],
	])('refuses with a 400: %s', async (message, body) => {
		await fixture.start();

		expect(code(await fixture.call('POST', '/api/indicators', { body }))).toEqual([
			400,
			'InvalidInput',
			message,
		]);
		expect(fixture.simulator.indicators.size).toBe(0);
	});

	it('answers past the active indicator limit with its own error', async () => {
		await fixture.start({ indicatorLimit: 1 });
		await fixture.call('POST', '/api/indicators', { body: indicator('a'.repeat(64)) });

		const answer = await fixture.call('POST', '/api/indicators', {
			body: indicator('b'.repeat(64)),
		});

		expect(code(answer)).toEqual([
			400,
			'MaxIndicatorsReached',
			'Cannot create indicator, the maximum number of 1 active indicators was reached',
		]);
	});

	it('imports up to 500 indicators with a result for each, and refuses 501', async () => {
		await fixture.start();

		const answer = await fixture.call('POST', '/api/indicators/import', {
			body: { Indicators: [indicator('a'.repeat(64)), indicator('nope')] },
		});
		const tooMany = await fixture.call('POST', '/api/indicators/import', {
			body: {
				Indicators: Array.from({ length: 501 }, (_, index) =>
					indicator(String(index).padStart(64, '0')),
				),
			},
		});

		expect(answer.status).toBe(200);
		expect(answer.body.value).toEqual([
			{
				id: expect.stringMatching(/^\d+$/),
				indicator: 'a'.repeat(64),
				isFailed: false,
				failureReason: null,
			},
			{
				id: null,
				indicator: 'nope',
				isFailed: true,
				failureReason: 'Invalid FileSha256 value: nope',
			},
		]);
		expect(code(tooMany).slice(0, 2)).toEqual([400, 'MaximumBatchSizeExceeded']);
	});

	it('limits import and batch delete to 30 calls a minute each', async () => {
		await fixture.start({ rateLimit: { perWindow: 100 } });
		const body = { Indicators: [indicator('a'.repeat(64))] };

		const imports = [];
		for (let call = 0; call < 31; call++)
			imports.push((await fixture.call('POST', '/api/indicators/import', { body })).status);
		const deletes = [];
		for (let call = 0; call < 31; call++)
			deletes.push(
				(
					await fixture.call('POST', '/api/indicators/BatchDelete', {
						body: { IndicatorIds: ['1'] },
					})
				).status,
			);

		expect(imports.filter((status) => status === 429)).toHaveLength(1);
		expect(imports[30]).toBe(429);
		expect(deletes[30]).toBe(429);
		expect(deletes.slice(0, 30).every((status) => status === 404)).toBe(true);
	});

	it('shows an app with Ti.ReadWrite only the indicators it created, and lets it delete no other', async () => {
		await fixture.start({ apps: [DEFAULT_APP, OWN_ONLY] });
		const [seeded] = fixture.simulator.seedIndicators();
		await fixture.call('POST', '/api/indicators', {
			body: indicator('c'.repeat(64)),
			app: OWN_ONLY,
		});

		const own = await fixture.call('GET', '/api/indicators', { app: OWN_ONLY });
		const all = await fixture.call('GET', '/api/indicators');
		const foreign = await fixture.call('POST', '/api/indicators/BatchDelete', {
			body: { IndicatorIds: [seeded.id] },
			app: OWN_ONLY,
		});

		expect(
			(own.body.value as Array<{ indicatorValue: string }>).map((entry) => entry.indicatorValue),
		).toEqual(['c'.repeat(64)]);
		expect(all.body.value).toHaveLength(6);
		expect(foreign.status).toBe(404);
		expect(fixture.simulator.indicators.has(seeded.id)).toBe(true);
	});

	it('deletes a batch only when every id is known', async () => {
		await fixture.start();
		const seeded = fixture.simulator.seedIndicators();

		const refused = await fixture.call('POST', '/api/indicators/BatchDelete', {
			body: { IndicatorIds: [seeded[0].id, '99999'] },
		});
		const empty = await fixture.call('POST', '/api/indicators/BatchDelete', {
			body: { IndicatorIds: [] },
		});
		const done = await fixture.call('POST', '/api/indicators/BatchDelete', {
			body: { IndicatorIds: [seeded[0].id, seeded[1].id] },
		});

		expect(code(refused)).toEqual([404, 'NotFound', 'Indicator 99999 was not found']);
		expect(empty.status).toBe(400);
		expect(done.status).toBe(204);
		expect(fixture.simulator.indicators.size).toBe(seeded.length - 2);
	});
});
