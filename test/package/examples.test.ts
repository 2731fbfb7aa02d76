import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodeTypeDescription, NodeParameterValueType } from 'n8n-workflow';

import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { MicrosoftDefenderEndpointTrigger } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node';
import { MicrosoftDefenderXdr } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node';
import { MicrosoftDefenderXdrTrigger } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdrTrigger.node';

/** What examples/ ships, checked the way n8n reads it on Import → From File. */
const PACKAGE_NAME = 'n8n-nodes-defender-endpoint';
const examplesDir = join(__dirname, '..', '..', 'examples');

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, NodeParameterValueType>;
}

const descriptions = new Map<string, INodeTypeDescription>(
	[
		new MicrosoftDefenderEndpoint(),
		new MicrosoftDefenderEndpointTrigger(),
		new MicrosoftDefenderXdr(),
		new MicrosoftDefenderXdrTrigger(),
	].map(({ description }) => [`${PACKAGE_NAME}.${description.name}`, description]),
);

const examples = readdirSync(examplesDir)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => {
		const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as {
			nodes: ExampleNode[];
		};
		return { file, nodes: workflow.nodes };
	});

const matches = (allowed: unknown, value: unknown): boolean =>
	!Array.isArray(allowed) || allowed.some((entry) => entry === value);

/** Whether n8n shows a top-level property for these parameter values (show and hide, as plain value lists). */
function displayed(
	property: INodeProperties,
	node: ExampleNode,
	properties: INodeProperties[],
	depth = 0,
): boolean {
	if (depth > 5) return true;
	const valueOf = (key: string): unknown => {
		if (key === '@version') return node.typeVersion;
		if (key in node.parameters) return node.parameters[key];
		const shown = properties.find(
			(candidate) => candidate.name === key && displayed(candidate, node, properties, depth + 1),
		);
		return shown?.default;
	};
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return (
		Object.entries(show).every(([key, allowed]) => matches(allowed, valueOf(key))) &&
		!Object.entries(hide).some(
			([key, hidden]) => Array.isArray(hidden) && matches(hidden, valueOf(key)),
		)
	);
}

describe('the examples in examples/', () => {
	it('has examples', () => {
		expect(examples.length).toBeGreaterThan(5);
	});

	it.each(examples)(
		'$file uses only node types the package has, by their published names',
		({ nodes }) => {
			const unknown = nodes
				.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`) && !descriptions.has(node.type))
				.map((node) => `${node.name}: ${node.type}`);
			expect(unknown).toEqual([]);
			expect(nodes.filter((node) => node.type.startsWith('CUSTOM.'))).toEqual([]);
		},
	);

	it.each(examples)(
		'$file saves every resource locator with its mode, as the editor does',
		({ nodes }) => {
			const plain: string[] = [];
			for (const node of nodes) {
				const description = descriptions.get(node.type);
				if (!description) continue;
				for (const property of description.properties) {
					if (property.type !== 'resourceLocator' || !(property.name in node.parameters)) continue;
					if (!displayed(property, node, description.properties)) continue;
					const value = node.parameters[property.name] as unknown;
					const saved = value as { __rl?: unknown; mode?: unknown } | null;
					const modes = (property.modes ?? []).map((mode) => mode.name);
					if (
						typeof saved !== 'object' ||
						saved === null ||
						saved.__rl !== true ||
						!modes.includes(String(saved.mode))
					)
						plain.push(`${node.name}.${property.name}: ${JSON.stringify(value)}`);
				}
			}
			expect(plain).toEqual([]);
		},
	);
});
