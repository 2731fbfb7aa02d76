import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { assertionFields, bearerAuthentication } from './assertionFields';
import { responseCodeRules, tokenUrlField } from './clientCredentials';
import { checkedTenant, signInWithAssertion } from './entraSignIn';
import { GRAPH_CLOUDS, GRAPH_CUSTOM_ENVIRONMENT, graphCloudExpression } from './graphClouds';

const cloudOf = (credentials: ICredentialDataDecryptedObject) =>
	GRAPH_CLOUDS.find((cloud) => cloud.value === credentials.environment) ?? GRAPH_CLOUDS[0];

/** Microsoft Graph's security API without a shared secret: a certificate, or a federated token file. */
export class MicrosoftDefenderXdrAssertionApi implements ICredentialType {
	name = 'microsoftDefenderXdrAssertionApi';

	displayName = 'Microsoft Defender XDR (Graph, Certificate or Federated Token) API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftDefenderXdr/microsoftDefenderXdr.svg',
		dark: 'file:../nodes/MicrosoftDefenderXdr/microsoftDefenderXdr.dark.svg',
	};

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#sign-in-with-a-certificate-or-a-federated-token';

	properties: INodeProperties[] = [
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
			description: 'Application (client) ID of the app registration',
		},
		...assertionFields,
	];

	preAuthentication = signInWithAssertion({
		tokenUrl: (credentials) =>
			credentials.environment === GRAPH_CUSTOM_ENVIRONMENT
				? String(credentials.tokenUrl ?? '')
				: `${cloudOf(credentials).authority}/${checkedTenant(credentials.tenantId)}/oauth2/v2.0/token`,
		// The custom environment (a simulator) asks for the global Graph scope.
		scope: (credentials) =>
			credentials.environment === GRAPH_CUSTOM_ENVIRONMENT
				? GRAPH_CLOUDS[0].scope
				: cloudOf(credentials).scope,
	});

	authenticate = bearerAuthentication;

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
