import { NodeHelpers } from 'n8n-workflow';
import type { INodeType } from 'n8n-workflow';

import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { MicrosoftDefenderEndpointTrigger } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node';
import { MicrosoftDefenderXdr } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node';
import { MicrosoftDefenderXdrTrigger } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdrTrigger.node';

const nodes: Array<[string, INodeType, string, string]> = [
	[
		'Defender',
		new MicrosoftDefenderEndpoint(),
		'microsoftDefenderEndpointOAuth2Api',
		'microsoftDefenderEndpointAssertionApi',
	],
	[
		'Defender trigger',
		new MicrosoftDefenderEndpointTrigger(),
		'microsoftDefenderEndpointOAuth2Api',
		'microsoftDefenderEndpointAssertionApi',
	],
	[
		'XDR',
		new MicrosoftDefenderXdr(),
		'microsoftDefenderXdrOAuth2Api',
		'microsoftDefenderXdrAssertionApi',
	],
	[
		'XDR trigger',
		new MicrosoftDefenderXdrTrigger(),
		'microsoftDefenderXdrOAuth2Api',
		'microsoftDefenderXdrAssertionApi',
	],
];

describe('Authentication selector', () => {
	it.each(nodes)(
		'%s: a saved workflow without the parameter keeps its client-secret credential',
		(_name, node, oauth, assertion) => {
			const { description } = node;
			// What n8n fills in for a node saved before the parameter existed.
			const parameters = NodeHelpers.getNodeParameters(
				description.properties,
				{},
				true,
				false,
				null,
				null,
			);
			expect(parameters?.authentication).toBe('oAuth2');
			expect(
				description.credentials?.map(({ name, displayOptions }) => [
					name,
					displayOptions?.show?.authentication,
				]),
			).toEqual([
				[oauth, ['oAuth2']],
				[assertion, ['clientAssertion']],
			]);
			// A default value is not written into the saved workflow.
			expect(
				NodeHelpers.getNodeParameters(description.properties, {}, false, false, null, null)
					?.authentication,
			).toBeUndefined();
		},
	);
});
