import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	clientCredentialsFields,
	hiddenField,
	responseCodeRules,
	tokenUrlField,
} from './clientCredentials';
import { CUSTOM_ENVIRONMENT, DEFENDER_CLOUDS, cloudLookupExpression } from './defenderClouds';

const COMMERCIAL_SCOPE = DEFENDER_CLOUDS[0].scope;
const isCustom = `$self.environment === ${JSON.stringify(CUSTOM_ENVIRONMENT)}`;

export class MicrosoftDefenderEndpointOAuth2Api implements ICredentialType {
	name = 'microsoftDefenderEndpointOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Defender for Endpoint OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.svg',
		dark: 'file:../nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.dark.svg',
	};

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#create-the-entra-id-app-registration';

	properties: INodeProperties[] = [
		{
			// n8n words a refused token request as "Client authentication failed": name the usual three causes.
			displayName:
				"If the test fails to get a token: a wrong Client Secret (Entra AADSTS7000215: use the secret's Value, not its Secret ID), a wrong Client ID (AADSTS700016: the Application (client) ID on the app's Overview page) or a wrong Tenant ID (AADSTS90002: the Directory (tenant) ID on the same page).",
			name: 'commonFaultsNotice',
			type: 'notice',
			default: '',
		},
		hiddenField('Grant Type', 'grantType', 'clientCredentials'),
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				...DEFENDER_CLOUDS.map(({ name, value }) => ({ name, value })),
				{ name: 'Custom (API URL and Token URL)', value: CUSTOM_ENVIRONMENT },
			],
			default: 'global',
			description: 'The Defender for Endpoint cloud your tenant lives in',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Directory (tenant) ID of the Entra ID app registration',
			hint: "The Directory (tenant) ID on the app registration's Overview page in Entra ID",
			displayOptions: { hide: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.security.microsoft.com',
			description: 'Service root of the Defender API; the node appends /api/...',
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		tokenUrlField(CUSTOM_ENVIRONMENT),
		{
			displayName: 'Client ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Application (client) ID of the app registration',
			hint: "The Application (client) ID on the app registration's Overview page",
		},
		{
			displayName: 'Client Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: "The secret's Value, shown once when it is created under Certificates & secrets (not its Secret ID)",
		},
		{
			displayName: 'Scope Override',
			name: 'scopeOverride',
			type: 'string',
			default: '',
			placeholder: COMMERCIAL_SCOPE,
			description:
				'Leave empty to use the scope of the chosen environment. The token is asked for the WindowsDefenderATP app (its scope host, like api.securitycenter.microsoft.com), not for the API host the requests go to, which is why the two differ. Microsoft does not document the US Government scopes, so set this if your tenant needs another one.',
		},
		...clientCredentialsFields({
			isCustom,
			authority: cloudLookupExpression('authority', '$self.environment'),
			scope: `={{ $self.scopeOverride ? $self.scopeOverride : (${isCustom} ? ${JSON.stringify(COMMERCIAL_SCOPE)} : ${cloudLookupExpression('scope', '$self.environment')}) }}`,
		}),
	];

	// The cheapest call that proves the token works against the chosen cloud: one device, Machine.Read.All.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === ${JSON.stringify(CUSTOM_ENVIRONMENT)} ? $credentials.apiUrl : ${cloudLookupExpression('apiUrl', '$credentials.environment')} }}`,
			url: '/api/machines',
			qs: { $top: 1 },
		},
		rules: responseCodeRules({
			401: "Defender refused the token: the Environment (API host) must be the cloud your tenant's token is issued for, and Scope Override, if set, that cloud's scope",
			403: 'The app registration may not read devices: grant it the WindowsDefenderATP application permission Machine.Read.All, with admin consent',
			404: 'The API URL answered 404 for /api/machines: use the service root, like https://api.security.microsoft.com',
		}),
	};
}
