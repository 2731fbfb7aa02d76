import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * Which credential a node signs in with. A saved workflow holds no `authentication` parameter, so it
 * keeps the client-secret OAuth2 credential (the default); n8n's routing picks the credential whose
 * displayOptions show it for the chosen value (see CONTRIBUTING, "Sign-in methods").
 */
export const CLIENT_SECRET = 'oAuth2';
export const CLIENT_ASSERTION = 'clientAssertion';

export type Authentication = typeof CLIENT_SECRET | typeof CLIENT_ASSERTION;

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Client Secret (OAuth2)', value: CLIENT_SECRET },
		{ name: 'Certificate or Federated Token File', value: CLIENT_ASSERTION },
	],
	default: CLIENT_SECRET,
};

/** The node's credentials: the OAuth2 one by default, the certificate/federated one when chosen. */
export const credentialsFor = (
	clientSecretType: string,
	assertionType: string,
): INodeCredentialDescription[] => [
	{
		name: clientSecretType,
		required: true,
		displayOptions: { show: { authentication: [CLIENT_SECRET] } },
	},
	{
		name: assertionType,
		required: true,
		displayOptions: { show: { authentication: [CLIENT_ASSERTION] } },
	},
];
