import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { alertFilterOptions, includeEvidenceOption } from './actions/alert/alertFilters';
import type { AlertFilters } from './actions/alert/alertFilters';
import { hostClock } from '../core/transport/hostClock';
import { filtersField } from '../core/operation/fields';
import { authenticationProperty, credentialsFor } from '../core/operation/authentication';
import { DOCUMENTATION_URL } from './shared/documentation';
import {
	ASSERTION_CREDENTIAL_TYPE,
	CREDENTIAL_TYPE,
	DEFENDER_SERVICE,
} from './transport/defenderService';
import { createApiClient } from '../core/transport/apiClient';
import { helperHost } from '../core/routing/requestAdapters';
import { alertSource } from './trigger/alertPolling';
import type { AlertEvent, AlertPollSettings } from './trigger/alertPolling';
import { lateArrivalMs, lateArrivalWindowOption, pollTrigger } from '../core/trigger/pollTrigger';

interface TriggerOptions {
	emitExistingAlerts?: boolean;
	includeEvidence?: boolean;
	lateArrivalWindowMinutes?: number;
}

export class MicrosoftDefenderEndpointTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender for Endpoint Trigger',
		name: 'microsoftDefenderEndpointTrigger',
		icon: {
			light: 'file:microsoftDefenderEndpoint.svg',
			dark: 'file:microsoftDefenderEndpoint.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "newAlert" ? "New alert" : "New or updated alert" }}',
		// n8n's nodes panel merges this trigger with the action node and shows this description for both.
		description:
			'Isolate, scan and release devices, run live response, cancel their actions, triage alerts and block files, IPs, domains and URLs with indicators in Microsoft Defender for Endpoint, or start a workflow when it raises or updates an alert',
		documentationUrl: DOCUMENTATION_URL,
		defaults: { name: 'Microsoft Defender for Endpoint Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsFor(CREDENTIAL_TYPE, ASSERTION_CREDENTIAL_TYPE),
		properties: [
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Alert',
						value: 'newAlert',
						description: 'An alert Defender has just raised',
					},
					{
						name: 'Updated Alert',
						value: 'updatedAlert',
						description:
							'An alert that was raised or changed (status, assignment, classification, comments, evidence)',
					},
				],
				default: 'newAlert',
			},
			filtersField(alertFilterOptions),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Alerts',
						name: 'emitExistingAlerts',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits every matching alert Defender already has. Off, it only notes them and emits what arrives afterwards.',
					},
					includeEvidenceOption,
					lateArrivalWindowOption(
						'How far back each poll looks again for alerts Defender lists after their timestamp. Each alert is still emitted once.',
					),
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const settings: AlertPollSettings = {
			event: this.getNodeParameter('event') as AlertEvent,
			filters: this.getNodeParameter('filters', {}) as AlertFilters,
			includeEvidence: options.includeEvidence === true,
			lateArrivalMs: lateArrivalMs(options.lateArrivalWindowMinutes),
			emitExisting: options.emitExistingAlerts === true,
			now: hostClock.now(),
		};
		const client = createApiClient(await helperHost(this, {}, DEFENDER_SERVICE));
		return await pollTrigger(this, alertSource(client, settings), settings);
	}
}
