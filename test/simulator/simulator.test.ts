import { DEFAULT_APP } from '../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { SimulatorFixture } from '../harness/simulatorFixture';

let simulator: DefenderSimulator;
let token: string;
const fixture = new SimulatorFixture();

async function start(options: SimulatorOptions = {}) {
	simulator = await fixture.start(options);
	token = await fixture.tokenFor(DEFAULT_APP);
}

afterEach(async () => await fixture.close());

const cancel = async (id: string, body: string, contentType = 'application/json') =>
	await fetch(`${simulator.url}/api/machineactions/${id}/cancel`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
		body,
	});

const errorCode = async (response: Response) =>
	((await response.json()) as { error: { code: string } }).error.code;

describe('Defender simulator rejects what the real API rejects', () => {
	it.each([
		[
			'a wrong content type',
			'text/plain',
			JSON.stringify({ Comment: 'x' }),
			415,
			'UnsupportedMediaType',
		],
		['a body that is not JSON', 'application/json', '{', 400, 'InvalidRequestBody'],
		['a missing Comment', 'application/json', JSON.stringify({}), 400, 'MissingRequiredParameter'],
		[
			'a lower-case comment (names are case-sensitive)',
			'application/json',
			JSON.stringify({ comment: 'x' }),
			400,
			'MissingRequiredParameter',
		],
	])('%s', async (_label, contentType, body, status, code) => {
		await start();
		const [action] = simulator.seed(1);

		const response = await cancel(action.id, body, contentType);

		expect(response.status).toBe(status);
		expect(await errorCode(response)).toBe(code);
		expect(simulator.actions.get(action.id)?.status).toBe('Pending');
	});

	it('an unknown id (404) and a cancel of a final action (400)', async () => {
		await start();
		const [done] = simulator.seed(1, { status: 'Succeeded' });

		const unknown = await cancel(
			'00000000-1111-4222-8333-444444444444',
			JSON.stringify({ Comment: 'x' }),
		);
		const final = await cancel(done.id, JSON.stringify({ Comment: 'x' }));

		expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'ResourceNotFound']);
		expect([final.status, await errorCode(final)]).toEqual([400, 'BadRequest']);
	});

	it('a missing or expired token (401)', async () => {
		await start();
		const anonymous = await fetch(`${simulator.url}/api/machineactions`);
		simulator.expireTokens();
		const expired = await fetch(`${simulator.url}/api/machineactions`, {
			headers: { Authorization: `Bearer ${token}` },
		});

		expect([anonymous.status, expired.status]).toEqual([401, 401]);
	});

	it.each([
		['seconds', /^\d+$/],
		['date', /GMT$/],
	] as const)('rate limits per window with Retry-After as %s', async (retryAfterFormat, shape) => {
		await start({ rateLimit: { perWindow: 3, windowMs: 60_000, retryAfterFormat } });
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let call = 0; call < 5; call++) {
			const response = await fetch(`${simulator.url}/api/machineactions`, {
				headers: { Authorization: `Bearer ${token}` },
			});
			statuses.push(response.status);
			retryAfter = response.headers.get('retry-after') ?? retryAfter;
		}

		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		expect(retryAfter).toMatch(shape);
		expect(simulator.rateLimited).toBe(2);
	});
});
