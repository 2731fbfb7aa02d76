import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as alert from './actions/alert/Alert.resource';
import * as domain from './actions/domain/Domain.resource';
import * as file from './actions/file/File.resource';
import * as ip from './actions/ip/Ip.resource';
import * as libraryFile from './actions/libraryFile/LibraryFile.resource';
import * as indicator from './actions/indicator/Indicator.resource';
import * as machine from './actions/machine/Machine.resource';
import * as machineAction from './actions/machineAction/MachineAction.resource';
import { searchMachineActions, searchMachines } from './methods/listSearch';
import { CREDENTIAL_TYPE } from './shared/nodeOptions';

export class MicrosoftDefenderEndpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender for Endpoint',
		name: 'microsoftDefenderEndpoint',
		icon: {
			light: 'file:microsoftDefenderEndpoint.svg',
			dark: 'file:microsoftDefenderEndpoint.dark.svg',
		},
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Isolate, scan, collect from and release devices in Microsoft Defender for Endpoint, run live response on them, follow or cancel their machine actions, tag and find devices, look up files, IPs and domains, triage alerts, and block or allow files, IPs, domains and URLs with indicators',
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
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Domain', value: 'domain' },
					{ name: 'File', value: 'file' },
					{ name: 'Indicator', value: 'indicator' },
					{ name: 'IP', value: 'ip' },
					{ name: 'Live Response Library', value: 'libraryFile' },
					{ name: 'Machine', value: 'machine' },
					{ name: 'Machine Action', value: 'machineAction' },
				],
				// Saved workflows omit a default value: changing it would change what they do.
				default: 'machineAction',
			},
			...alert.description,
			...domain.description,
			...file.description,
			...indicator.description,
			...ip.description,
			...machine.description,
			...machineAction.description,
			...libraryFile.description,
		],
	};

	methods = {
		listSearch: { searchMachineActions, searchMachines },
	};
}
