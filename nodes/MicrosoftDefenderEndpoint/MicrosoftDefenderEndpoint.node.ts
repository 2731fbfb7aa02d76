import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as alert from './actions/alert/Alert.resource';
import * as domain from './actions/domain/Domain.resource';
import * as file from './actions/file/File.resource';
import * as investigation from './actions/investigation/Investigation.resource';
import * as ip from './actions/ip/Ip.resource';
import * as libraryFile from './actions/libraryFile/LibraryFile.resource';
import * as indicator from './actions/indicator/Indicator.resource';
import * as machine from './actions/machine/Machine.resource';
import * as machineAction from './actions/machineAction/MachineAction.resource';
import * as recommendation from './actions/recommendation/Recommendation.resource';
import * as software from './actions/software/Software.resource';
import * as user from './actions/user/User.resource';
import * as vulnerability from './actions/vulnerability/Vulnerability.resource';
import { searchLibraryScripts } from './methods/librarySearch';
import { searchAlerts, searchMachineActions, searchMachines } from './methods/listSearch';
import { operationSubtitle } from '../core/operation/operationDescriptions';
import { authenticationProperty, credentialsFor } from '../core/operation/authentication';
import { DOCUMENTATION_URL } from './shared/documentation';
import { ASSERTION_CREDENTIAL_TYPE, CREDENTIAL_TYPE } from './transport/defenderService';

export class MicrosoftDefenderEndpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Defender for Endpoint',
		name: 'microsoftDefenderEndpoint',
		icon: {
			light: 'file:microsoftDefenderEndpoint.svg',
			dark: 'file:microsoftDefenderEndpoint.dark.svg',
		},
		group: ['transform'],
		// 1.1: Device Action starts on Get; 1.2: Simplify on Get and Get Many, on by default;
		// 1.3: Run Live Response on a busy device waits for the other session, then runs its own commands;
		// Simplify on Indicator Get Many; Find by IP stops with an error when no device was seen.
		version: [1, 1.1, 1.2, 1.3],
		defaultVersion: 1.3,
		documentationUrl: DOCUMENTATION_URL,
		// Replaced in the constructor by each operation's action text, once every resource is in the description.
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Isolate, scan, collect from and release devices in Microsoft Defender for Endpoint, run live response on them, follow or cancel their device actions, tag and find devices, look up files, IPs and domains, read vulnerabilities, software and security recommendations, start and follow automated investigations, pivot from alerts, users, files, domains and IPs to their alerts and devices, triage alerts, and block or allow files, IPs, domains and URLs with indicators',
		defaults: { name: 'Microsoft Defender for Endpoint' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsFor(CREDENTIAL_TYPE, ASSERTION_CREDENTIAL_TYPE),
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
					{ name: 'Device', value: 'machine' },
					{ name: 'Device Action', value: 'machineAction' },
					{ name: 'Domain', value: 'domain' },
					{ name: 'File', value: 'file' },
					{ name: 'Indicator', value: 'indicator' },
					{ name: 'Investigation', value: 'investigation' },
					{ name: 'IP', value: 'ip' },
					{ name: 'Live Response Library', value: 'libraryFile' },
					{ name: 'Security Recommendation', value: 'recommendation' },
					{ name: 'Software', value: 'software' },
					{ name: 'User', value: 'user' },
					{ name: 'Vulnerability', value: 'vulnerability' },
				],
				// Saved workflows omit a default value: changing it would change what they do.
				default: 'machineAction',
			},
			...alert.description,
			...domain.description,
			...file.description,
			...indicator.description,
			...investigation.description,
			...ip.description,
			...machine.description,
			...machineAction.description,
			...libraryFile.description,
			...recommendation.description,
			...software.description,
			...user.description,
			...vulnerability.description,
		],
	};

	constructor() {
		// Built from the finished description, so a new resource's operations get their subtitle too.
		this.description.subtitle = operationSubtitle(this.description.properties, {
			'machine:collectInvestigationPackage': 'Collect Package: Device',
			'machineAction:getInvestigationPackage': 'Download Package',
			'machine:getRecommendations': 'Recommendations: Device',
			'machine:startInvestigation': 'Investigate: Device',
			'vulnerability:getAllByDeviceAndSoftware': 'By Device and Software',
			'vulnerability:exportAssessment': 'Export Assessment',
			'software:exportInventoryAssessment': 'Export Inventory',
		});
	}

	methods = {
		listSearch: { searchAlerts, searchLibraryScripts, searchMachineActions, searchMachines },
	};
}
