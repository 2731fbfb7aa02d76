import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DirectoryLoader } from 'n8n-core';

import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import {
	DEFENDER_NODE_TYPE,
	registerTypes,
	runDefenderNode,
	simulatorCredential,
} from '../harness/engine';

// As n8n's node loader does: a declarative node gets Settings → Request Options.
const withRequestOptions = new MicrosoftDefenderEndpoint();
DirectoryLoader.applyDeclarativeNodeOptionParameters(withRequestOptions);
registerTypes({ [DEFENDER_NODE_TYPE]: withRequestOptions }, []);

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(3);
});
afterEach(async () => await simulator.close());

const machineIds = () => [...simulator.machines.values()].map((machine) => machine.id);
const getDevice = {
	resource: 'machine',
	operation: 'get',
	machineId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
};

/** A forward HTTP proxy that notes each URL it carries. */
async function startProxy(): Promise<{ server: Server; url: string; seen: string[] }> {
	const seen: string[] = [];
	const server = createServer((incoming, outgoing) => {
		seen.push(String(incoming.url));
		const forwarded = httpRequest(
			String(incoming.url),
			{ method: incoming.method, headers: incoming.headers },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('Settings → Request Options', () => {
	it('Proxy: every Defender request goes through it', async () => {
		const proxy = await startProxy();
		try {
			const [id] = machineIds();
			const { items, error } = await runDefenderNode({
				parameters: { ...getDevice, requestOptions: { proxy: proxy.url } },
				items: [{ id }],
				credential: simulatorCredential(simulator),
			});

			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(id);
			expect(proxy.seen).toEqual([`${simulator.url}/api/machines/${id}`]);
		} finally {
			proxy.server.close();
		}
	});

	it('Timeout: a slower answer fails the item, saying so', async () => {
		const [id] = machineIds();
		simulator.injectFault({ path: /^\/api\/machines\//, delayMs: 1500 });

		const { error } = await runDefenderNode({
			parameters: { ...getDevice, requestOptions: { timeout: 200 }, options: { maxRetries: 0 } },
			items: [{ id }],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toMatch(
			/^Could not reach Defender for device [0-9a-f]{40}: ECONNABORTED/,
		);
		expect(error?.description).toBe(
			'Defender did not answer in time. Raise Timeout under Settings → Request Options, or check the proxy there.',
		);
	});

	it('Batching: items go out in batches, and the call budget still holds across them', async () => {
		const started = Date.now();

		const { items, error } = await runDefenderNode({
			parameters: {
				...getDevice,
				requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 100 } } },
				// Two calls per 1-second window: the third item waits for the next window, with no 429.
				options: { callsPerMinute: 2, rateLimitWindowSeconds: 1 },
			},
			items: machineIds().map((id) => ({ id })),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(machineIds());
		expect(simulator.apiRequests()).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});
});
