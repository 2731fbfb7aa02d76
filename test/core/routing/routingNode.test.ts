import type { INodeType } from 'n8n-workflow';

import { operationSelector } from '../../../nodes/core/operation/operationDescriptions';
import type { ApiOperation } from '../../../nodes/core/operation/apiOperation';
import type { ServiceInstant } from '../../../nodes/core/transport/serviceClock';
import { forgetServiceClocks } from '../../../nodes/core/transport/serviceClock';
import { API_ENDPOINTS } from '../../../nodes/MicrosoftDefenderEndpoint/transport/apiCatalog';
import {
	CREDENTIAL_TYPE,
	DEFENDER_SERVICE,
} from '../../../nodes/MicrosoftDefenderEndpoint/transport/defenderService';
import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { registerTypes, runDefenderNode, simulatorCredential } from '../../harness/engine';

/**
 * What nodes/core/routing relies on in n8n's RoutingNode, checked on a one-operation node run by
 * n8n-core's engine. Each failure names the n8n behaviour that changed.
 */

const PROBE_TYPE = 'n8n-nodes-defender-endpoint.routingProbe';

interface HandlerCall {
	itemIndex: number;
	clock: ServiceInstant;
}
let calls: HandlerCall[] = [];

/** Reads one device per item, as any declarative operation of the package does through the client. */
const readDevice: ApiOperation = {
	option: { name: 'Read', action: 'Read a device', description: 'Probe', method: 'GET' },
	description: [],
	execute: async (ctx, client) => {
		const id = ctx.getNodeParameter('machineId', '') as string;
		const device = await client.call(
			API_ENDPOINTS.machines,
			{ method: 'GET', url: `/api/machines/${id}` },
			{ subject: `device ${id}`, verb: 'read' },
		);
		calls.push({ itemIndex: client.itemIndex, clock: client.serviceTime(Date.now()) });
		return [{ json: { id: device.id, item: client.itemIndex }, pairedItem: client.paired }];
	},
};

const probe: INodeType = {
	description: {
		displayName: 'Routing Probe',
		name: 'routingProbe',
		group: ['transform'],
		version: 1,
		description: 'Runs one operation through the package routing adapter',
		defaults: { name: 'Routing Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		requestDefaults: { baseURL: 'http://placeholder.invalid' },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Probe', value: 'probe' }],
				default: 'probe',
			},
			operationSelector('probe', { read: readDevice }, 'read', DEFENDER_SERVICE),
			{ displayName: 'Device ID', name: 'machineId', type: 'string', default: '' },
		],
	},
};
registerTypes({ [PROBE_TYPE]: probe }, []);

let simulator: DefenderSimulator;
beforeEach(async () => {
	calls = [];
	forgetServiceClocks();
	simulator = await startDefenderSimulator();
	simulator.seedMachines(3);
});
afterEach(async () => await simulator.close());

const runProbe = async () => {
	const ids = [...simulator.machines.values()].map((machine) => machine.id);
	const result = await runDefenderNode({
		parameters: {},
		items: ids.map((id) => ({ id })),
		credential: simulatorCredential(simulator),
		node: {
			type: PROBE_TYPE,
			typeVersion: 1,
			parameters: { resource: 'probe', operation: 'read', machineId: '={{ $json.id }}' },
			credentialType: CREDENTIAL_TYPE,
		},
	});
	return { ids, result };
};

/** Fails with `behaviour` named, so a changed n8n says which of its behaviours the adapter lost. */
function expectBehaviour(holds: boolean, behaviour: string): void {
	if (!holds) throw new Error(`n8n's RoutingNode ${behaviour}`);
}

describe("the routing adapter over n8n's RoutingNode", () => {
	it('runs the handler through routing.operations.pagination once per item, in item order', async () => {
		const { ids, result } = await runProbe();
		expect(result.error).toBeUndefined();
		expectBehaviour(
			calls.length === ids.length,
			`no longer calls routing.operations.pagination once per item (${calls.length} calls for ${ids.length} items)`,
		);
		expectBehaviour(
			calls.every((call, index) => call.itemIndex === index),
			'no longer runs the items of a declarative operation one by one, in order, each with its own item index',
		);
	});

	it("outputs the handler's items as the node's items, paired with their input", async () => {
		const { ids, result } = await runProbe();
		expectBehaviour(
			result.items.length === ids.length,
			`no longer outputs the items routing.operations.pagination returns (${result.items.length} items for ${ids.length})`,
		);
		expect(result.items.map((item) => item.json)).toEqual(ids.map((id, item) => ({ id, item })));
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	it("hands the client each answer's headers through the operation's postReceive hook", async () => {
		await runProbe();
		expectBehaviour(
			calls.length > 0 && calls.every((call) => call.clock.measured),
			"no longer runs an operation's output.postReceive hook on the answers of makeRoutingRequest with the whole response, so the client never reads the service's Date header",
		);
	});

	it('sends each request where the handler says, with the credential n8n signs it with', async () => {
		const { ids } = await runProbe();
		const seen = simulator.requests.map((request) => `${request.method} ${request.path}`);
		expectBehaviour(
			ids.every((id) => seen.includes(`GET /api/machines/${id}`)),
			`no longer sends makeRoutingRequest's request to the baseURL and url the handler gives (the simulator saw ${JSON.stringify(seen)})`,
		);
	});
});
