// Workflow JSON as n8n's import takes it, for the end-to-end suites.
import { randomUUID } from 'node:crypto';

import { DEFENDER_NODE_TYPE, EXAMPLE_CREDENTIAL } from './examples.mjs';

/** One node; n8n stores node ids in varchar(36) columns, so each gets a UUID. */
export const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});

/** The Defender node as the package loads in n8n, with the example credential. */
export const defenderNode = (name, parameters, extra = {}) =>
	node(name, DEFENDER_NODE_TYPE, 1, parameters, {
		credentials: { microsoftDefenderEndpointOAuth2Api: EXAMPLE_CREDENTIAL },
		...extra,
	});

/** A workflow whose nodes run one after the other. */
export const chain = (id, name, nodes) => ({
	id,
	name,
	active: false,
	nodes: nodes.map((entry, index) => ({ ...entry, position: [index * 220, 0] })),
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((entry, index) => [
				entry.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] },
			]),
	),
	settings: { executionOrder: 'v1' },
});
