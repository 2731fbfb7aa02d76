import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { assertionFields, bearerAuthentication } from './assertionFields';
import { responseCodeRules, tokenUrlField } from './clientCredentials';
import { CUSTOM_ENVIRONMENT, DEFENDER_CLOUDS, cloudLookupExpression } from './defenderClouds';
import { checkedTenant, signInWithAssertion } from './entraSignIn';

const COMMERCIAL_SCOPE = DEFENDER_CLOUDS[0].scope;

const cloudOf = (credentials: ICredentialDataDecryptedObject) =>
	DEFENDER_CLOUDS.find((cloud) => cloud.value === credentials.environment) ?? DEFENDER_CLOUDS[0];

/** Defender for Endpoint without a shared secret: a certificate, or a federated token file. */
export class MicrosoftDefenderEndpointAssertionApi implements ICredentialType {
	name = 'microsoftDefenderEndpointAssertionApi';

	displayName = 'Microsoft Defender for Endpoint (Certificate or Federated Token) API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.svg',
		dark: 'file:../nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.dark.svg',
	};

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#sign-in-with-a-certificate-or-a-federated-token';

	properties: INodeProperties[] = [
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
		},
		...assertionFields,
		{
			displayName: 'Scope Override',
			name: 'scopeOverride',
			type: 'string',
			default: '',
			placeholder: COMMERCIAL_SCOPE,
			description: 'Leave empty to use the scope of the chosen environment',
		},
	];

	preAuthentication = signInWithAssertion({
		tokenUrl: (credentials) =>
			credentials.environment === CUSTOM_ENVIRONMENT
				? String(credentials.tokenUrl ?? '')
				: `${cloudOf(credentials).authority}/${checkedTenant(credentials.tenantId)}/oauth2/v2.0/token`,
		scope: (credentials) =>
			typeof credentials.scopeOverride === 'string' && credentials.scopeOverride.trim()
				? credentials.scopeOverride.trim()
				: credentials.environment === CUSTOM_ENVIRONMENT
					? COMMERCIAL_SCOPE
					: cloudOf(credentials).scope,
	});

	authenticate = bearerAuthentication;

	// The same cheapest call as the client-secret credential: one device, Machine.Read.All.
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
