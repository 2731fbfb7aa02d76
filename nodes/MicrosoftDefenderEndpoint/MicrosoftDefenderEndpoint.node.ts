import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as machineAction from './descriptions/machineAction';
import { CREDENTIAL_TYPE } from './helpers/interfaces';

export class MicrosoftDefenderEndpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender for Endpoint',
		name: 'microsoftDefenderEndpoint',
		icon: {
			light: 'file:microsoftDefenderEndpoint.svg',
			dark: 'file:microsoftDefenderEndpoint.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Cancel, get and list Microsoft Defender for Endpoint machine actions',
		defaults: { name: 'Microsoft Defender for Endpoint' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Machine Action', value: 'machineAction' }],
				default: 'machineAction',
			},
			...machineAction.description,
		],
	};
}
