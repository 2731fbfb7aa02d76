import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { hostClock } from '../core/transport/hostClock';
import { filtersField } from '../core/operation/fields';
import { createApiClient } from '../core/transport/apiClient';
import { helperHost } from '../core/routing/requestAdapters';
import { lateArrivalMs, lateArrivalWindowOption, pollTrigger } from '../core/trigger/pollTrigger';
import { SEVERITIES, titleOptions } from './actions/securityEntity';
import { authenticationProperty, credentialsFor } from '../core/operation/authentication';
import {
	GRAPH_SERVICE,
	XDR_ASSERTION_CREDENTIAL_TYPE,
	XDR_CREDENTIAL_TYPE,
} from './transport/graphService';
import { xdrSource } from './trigger/xdrPolling';
import type { XdrEvent, XdrTriggerFilters } from './trigger/xdrPolling';

interface TriggerOptions {
	emitExisting?: boolean;
	lateArrivalWindowMinutes?: number;
}

export class MicrosoftDefenderXdrTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender XDR Trigger',
		name: 'microsoftDefenderXdrTrigger',
		icon: {
			light: 'file:microsoftDefenderXdr.svg',
			dark: 'file:microsoftDefenderXdr.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		// n8n's nodes panel merges this trigger with the action node and shows this description for both.
		description:
			'Run advanced hunting (KQL) queries and read, update and comment on incidents and alerts in Microsoft Defender XDR, or start a workflow when it opens or updates an incident or raises an alert (Microsoft Graph)',
		defaults: { name: 'Microsoft Defender XDR Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsFor(XDR_CREDENTIAL_TYPE, XDR_ASSERTION_CREDENTIAL_TYPE),
		properties: [
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'New Alert', value: 'newAlert', description: 'An alert (v2) just raised' },
					{ name: 'New Incident', value: 'newIncident', description: 'An incident just created' },
					{
						name: 'Updated Incident',
						value: 'updatedIncident',
						description:
							'An incident created or changed (status, owner, classification, alerts, comments)',
					},
				],
				default: 'newIncident',
			},
			filtersField([
				{
					displayName: 'Assigned To',
					name: 'assignedTo',
					type: 'string',
					default: '',
					description: 'Only those assigned to this user (email)',
				},
				{
					displayName: 'Severity',
					name: 'severity',
					type: 'multiOptions',
					options: titleOptions(SEVERITIES),
					default: [],
					description: 'Only those with one of these severities',
				},
			]),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits everything that already matches. Off, it only notes it and emits what arrives afterwards.',
					},
					lateArrivalWindowOption(
						'How far back each poll looks again for entries Graph lists after their timestamp. Each is still emitted once.',
					),
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const event = this.getNodeParameter('event') as XdrEvent;
		const client = createApiClient(await helperHost(this, {}, GRAPH_SERVICE));
		const source = xdrSource(
			client,
			event,
			this.getNodeParameter('filters', {}) as XdrTriggerFilters,
		);
		return await pollTrigger(this, source, {
			lateArrivalMs: lateArrivalMs(options.lateArrivalWindowMinutes),
			emitExisting: options.emitExisting === true,
			now: hostClock.now(),
		});
	}
}
