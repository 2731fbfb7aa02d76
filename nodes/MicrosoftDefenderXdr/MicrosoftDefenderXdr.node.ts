import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as alert from './actions/alert/Alert.resource';
import * as hunting from './actions/hunting/Hunting.resource';
import * as incident from './actions/incident/Incident.resource';
import { searchAlerts, searchIncidents } from './methods/listSearch';
import { XDR_CREDENTIAL_TYPE } from './transport/graphService';

export class MicrosoftDefenderXdr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender XDR',
		name: 'microsoftDefenderXdr',
		icon: {
			light: 'file:microsoftDefenderXdr.svg',
			dark: 'file:microsoftDefenderXdr.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Run advanced hunting queries, and read, update and comment on incidents and alerts in Microsoft Defender XDR through Microsoft Graph',
		defaults: { name: 'Microsoft Defender XDR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: XDR_CREDENTIAL_TYPE, required: true }],
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
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Hunting', value: 'hunting' },
					{ name: 'Incident', value: 'incident' },
				],
				default: 'incident',
			},
			...alert.description,
			...hunting.description,
			...incident.description,
		],
	};

	methods = {
		listSearch: { searchAlerts, searchIncidents },
	};
}
