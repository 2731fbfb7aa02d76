// A workflow that exercises what nodes/core/routing relies on in n8n's RoutingNode: three items
// through Device → Get (the handler hook, once per item, output in item order, paired) and Device → Add Tag with
// Batch Across Items (one node run hands every item to the adapter before the batch is sent).
const CREDENTIALS = {
	microsoftDefenderEndpointOAuth2Api: { id: 'defenderSimulator', name: 'Defender simulator' },
};
const DEFENDER = 'n8n-nodes-defender-endpoint.microsoftDefenderEndpoint';

export const ROUTING_TAG = 'RoutingProbe';

/** The probe workflow for three device IDs, in the order the items should reach Defender. */
export function routingProbeWorkflow(deviceIds) {
	const node = (name, type, typeVersion, x, parameters, extra = {}) => ({
		id: `5e0c7a10-0000-4b00-8c00-00000000000${x}`,
		name,
		type,
		typeVersion,
		position: [x * 220, 0],
		parameters,
		...extra,
	});
	return {
		id: 'routingAdapterProbe',
		name: 'Routing adapter probe',
		active: false,
		settings: {},
		nodes: [
			node('Run by hand', 'n8n-nodes-base.manualTrigger', 1, 1, {}),
			node('Device IDs', 'n8n-nodes-base.set', 3.4, 2, {
				assignments: {
					assignments: [{ id: 'a1', name: 'ids', value: JSON.stringify(deviceIds), type: 'array' }],
				},
				options: {},
			}),
			node('One item per device', 'n8n-nodes-base.splitOut', 1, 3, {
				fieldToSplitOut: 'ids',
				options: {},
			}),
			node(
				'Get each device',
				DEFENDER,
				1,
				4,
				{
					resource: 'machine',
					operation: 'get',
					machineId: { __rl: true, mode: 'id', value: '={{ $json.ids }}' },
					options: {},
				},
				{ credentials: CREDENTIALS },
			),
			node(
				'Tag them together',
				DEFENDER,
				1,
				5,
				{
					resource: 'machine',
					operation: 'addTag',
					machineId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					tag: ROUTING_TAG,
					options: { batchAcrossItems: true },
				},
				{ credentials: CREDENTIALS },
			),
		],
		connections: {
			'Run by hand': { main: [[{ node: 'Device IDs', type: 'main', index: 0 }]] },
			'Device IDs': { main: [[{ node: 'One item per device', type: 'main', index: 0 }]] },
			'One item per device': { main: [[{ node: 'Get each device', type: 'main', index: 0 }]] },
			'Get each device': { main: [[{ node: 'Tag them together', type: 'main', index: 0 }]] },
		},
	};
}
