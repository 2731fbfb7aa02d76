import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import endpointCodex from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node.json';
import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import endpointTriggerCodex from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node.json';
import { MicrosoftDefenderEndpointTrigger } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node';
import xdrCodex from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node.json';
import { MicrosoftDefenderXdr } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node';
import xdrTriggerCodex from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdrTrigger.node.json';
import { MicrosoftDefenderXdrTrigger } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdrTrigger.node';

interface PanelNode {
	description: INodeTypeDescription;
	alias: string[];
}

const NODES: Record<string, PanelNode> = {
	endpoint: {
		description: new MicrosoftDefenderEndpoint().description,
		alias: endpointCodex.alias,
	},
	endpointTrigger: {
		description: new MicrosoftDefenderEndpointTrigger().description,
		alias: endpointTriggerCodex.alias,
	},
	xdr: { description: new MicrosoftDefenderXdr().description, alias: xdrCodex.alias },
	xdrTrigger: {
		description: new MicrosoftDefenderXdrTrigger().description,
		alias: xdrTriggerCodex.alias,
	},
};

/**
 * n8n's nodes panel searches a node's display name and its codex aliases (a fuzzy match; a word
 * inside one of them always matches), so this asks the stricter question: is the word in one?
 */
const foundInNodesPanel = (word: string): string[] =>
	Object.entries(NODES)
		.filter(([, node]) =>
			[node.description.displayName, ...node.alias].some((text) =>
				text.toLowerCase().includes(word.toLowerCase()),
			),
		)
		.map(([key]) => key);

/** The actions panel lists each Operation's action text. */
const actionsOf = (description: INodeTypeDescription): string[] =>
	description.properties
		.filter((property: INodeProperties) => property.name === 'operation')
		.flatMap((property) => property.options ?? [])
		.flatMap((option) => ('action' in option && option.action ? [option.action] : []));

const foundInActionsPanel = (word: string): string[] =>
	Object.entries(NODES)
		.filter(([, node]) =>
			actionsOf(node.description).some((action) =>
				action.toLowerCase().includes(word.toLowerCase()),
			),
		)
		.map(([key]) => key);

describe('Found by the words a SOC engineer types', () => {
	it.each([
		['live response', ['endpoint']],
		['block', ['endpoint']],
		['block hash', ['endpoint']],
		['hash', ['endpoint']],
		['ioc', ['endpoint']],
		['indicator', ['endpoint']],
		['isolate', ['endpoint']],
		['quarantine', ['endpoint']],
		['hunting', ['xdr']],
		['kql', ['xdr']],
		['incident', ['xdr', 'xdrTrigger']],
		['alert', ['endpoint', 'endpointTrigger', 'xdr', 'xdrTrigger']],
	])('the nodes panel finds "%s" in %j', (word, nodes) => {
		expect(foundInNodesPanel(word)).toEqual(nodes);
	});

	it.each([
		['live response', ['endpoint']],
		['block', ['endpoint']],
		['hash', ['endpoint']],
		['indicator', ['endpoint']],
		['isolat', ['endpoint']],
		['quarantine', ['endpoint']],
		['hunting', ['xdr']],
		['incident', ['xdr']],
	])('the actions panel finds "%s" among the actions of %j', (word, nodes) => {
		expect(foundInActionsPanel(word)).toEqual(nodes);
	});

	it.each([
		[
			'endpointTrigger',
			/live response.*indicators.*or start a workflow when it raises or updates an alert/,
		],
		[
			'xdrTrigger',
			/^Run advanced hunting \(KQL\) queries.*incidents and alerts.*or start a workflow when it opens or updates an incident or raises an alert/,
		],
		['endpoint', /^Isolate, scan, collect from and release devices/],
		['xdr', /^Run advanced hunting queries, and read, update and comment on incidents and alerts/],
	])(
		'%s describes what its node does (the panel shows a trigger’s description for the merged entry, so a trigger names the actions too)',
		(key, text) => {
			expect(NODES[key].description.description).toMatch(text);
		},
	);
});
