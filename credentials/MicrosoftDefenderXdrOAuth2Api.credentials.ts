import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	clientCredentialsFields,
	hiddenField,
	responseCodeRules,
	tokenUrlField,
} from './clientCredentials';
import { GRAPH_CLOUDS, GRAPH_CUSTOM_ENVIRONMENT, graphCloudExpression } from './graphClouds';

const GLOBAL_SCOPE = GRAPH_CLOUDS[0].scope;
const isCustom = `$self.environment === ${JSON.stringify(GRAPH_CUSTOM_ENVIRONMENT)}`;

/** Client credentials for Microsoft Graph's security API; one token cannot serve Defender's API too, hence a second credential. */
export class MicrosoftDefenderXdrOAuth2Api implements ICredentialType {
	name = 'microsoftDefenderXdrOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Defender XDR (Graph) OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftDefenderXdr/microsoftDefenderXdr.svg',
		dark: 'file:../nodes/MicrosoftDefenderXdr/microsoftDefenderXdr.dark.svg',
	};

	documentationUrl = 'https://learn.microsoft.com/en-us/graph/api/resources/security-api-overview';

	properties: INodeProperties[] = [
		hiddenField('Grant Type', 'grantType', 'clientCredentials'),
		{
			displayName:
				'Grant the app registration the Microsoft Graph application permissions ThreatHunting.Read.All, SecurityIncident.ReadWrite.All and SecurityAlert.ReadWrite.All (or their Read.All forms), with admin consent',
			name: 'permissionsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				...GRAPH_CLOUDS.map(({ name, value }) => ({ name, value })),
				{ name: 'Custom (Graph URL and Token URL)', value: GRAPH_CUSTOM_ENVIRONMENT },
			],
			default: 'global',
			description: 'The Microsoft Graph cloud your tenant lives in',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Directory (tenant) ID of the Entra ID app registration',
			displayOptions: { hide: { environment: [GRAPH_CUSTOM_ENVIRONMENT] } },
		},
		{
			displayName: 'Graph URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://graph.microsoft.com',
			description: 'Service root of Microsoft Graph; the node appends /v1.0/security/...',
			displayOptions: { show: { environment: [GRAPH_CUSTOM_ENVIRONMENT] } },
		},
		tokenUrlField(GRAPH_CUSTOM_ENVIRONMENT),
		{
			displayName: 'Client ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Application (client) ID of the app registration (the same app as the Defender credential may be used)',
		},
		{
			displayName: 'Client Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// The custom environment (a simulator) asks for the global Graph scope.
		...clientCredentialsFields({
			isCustom,
			authority: graphCloudExpression('authority', '$self.environment'),
			scope: `={{ ${isCustom} ? ${JSON.stringify(GLOBAL_SCOPE)} : ${graphCloudExpression('scope', '$self.environment')} }}`,
		}),
	];

	// The cheapest read that proves the token and the incident permission: one incident.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === ${JSON.stringify(GRAPH_CUSTOM_ENVIRONMENT)} ? $credentials.apiUrl : ${graphCloudExpression('graphUrl', '$credentials.environment')} }}`,
			url: '/v1.0/security/incidents',
			qs: { $top: 1 },
		},
		rules: responseCodeRules({
			401: "Microsoft Graph refused the token: the Environment must be the cloud your tenant's token is issued for (a Defender API token does not work for Graph)",
			403: 'The app registration may not read incidents: grant it the Microsoft Graph application permission SecurityIncident.Read.All (and ThreatHunting.Read.All for hunting), with admin consent',
			404: 'The Graph URL answered 404 for /v1.0/security/incidents: use the service root, like https://graph.microsoft.com',
		}),
	};
}
