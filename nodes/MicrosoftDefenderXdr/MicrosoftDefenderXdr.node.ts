import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as alert from './actions/alert/Alert.resource';
import * as hunting from './actions/hunting/Hunting.resource';
import * as incident from './actions/incident/Incident.resource';
import { authenticationProperty, credentialsFor } from '../core/operation/authentication';
import { XDR_ASSERTION_CREDENTIAL_TYPE, XDR_CREDENTIAL_TYPE } from './transport/graphService';
import { searchAlerts, searchIncidents } from './methods/listSearch';

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
		credentials: credentialsFor(XDR_CREDENTIAL_TYPE, XDR_ASSERTION_CREDENTIAL_TYPE),
		requestDefaults: {
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			authenticationProperty,
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
