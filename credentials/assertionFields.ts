import type { IAuthenticateGeneric, INodeProperties } from 'n8n-workflow';

const CERTIFICATE = { show: { signIn: ['certificate'] } };

/** The sign-in fields both certificate/federated credentials share, after Client ID. */
export const assertionFields: INodeProperties[] = [
	{
		displayName: 'Sign In With',
		name: 'signIn',
		type: 'options',
		options: [
			{
				name: 'Certificate',
				value: 'certificate',
				description:
					"The app registration's certificate and its private key sign each token request",
			},
			{
				name: 'Federated Token File',
				value: 'federatedTokenFile',
				description:
					'A token the platform writes to a file (Kubernetes workload identity), trusted by a federated credential on the app registration',
			},
		],
		default: 'certificate',
	},
	{
		displayName: 'Certificate',
		name: 'certificate',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: '-----BEGIN CERTIFICATE-----',
		description:
			'The PEM certificate uploaded to the app registration under Certificates & secrets (its public part)',
		displayOptions: CERTIFICATE,
	},
	{
		displayName: 'Private Key',
		name: 'privateKey',
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		default: '',
		required: true,
		placeholder: '-----BEGIN PRIVATE KEY-----',
		description: "The certificate's RSA private key, PEM (PKCS#8 or PKCS#1, encrypted or not)",
		displayOptions: CERTIFICATE,
	},
	{
		displayName: 'Private Key Passphrase',
		name: 'passphrase',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Only for an encrypted private key',
		displayOptions: CERTIFICATE,
	},
	{
		displayName: 'Certificate Thumbprint Header',
		name: 'thumbprintHeader',
		type: 'options',
		options: [
			{ name: 'SHA-1 (X5t)', value: 'x5t' },
			{ name: 'SHA-256 (X5t#S256)', value: 'x5t#S256' },
		],
		default: 'x5t',
		description: 'How the signed assertion names the certificate; Entra ID accepts both',
		displayOptions: CERTIFICATE,
	},
	{
		displayName: 'Token File Path',
		name: 'tokenFilePath',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/var/run/secrets/azure/tokens/azure-identity-token',
		description:
			"The file holding the platform's federated token (the value of AZURE_FEDERATED_TOKEN_FILE in a workload-identity pod); it is read again at each token request. Self-hosted n8n only.",
		displayOptions: { show: { signIn: ['federatedTokenFile'] } },
	},
	{
		// n8n fills it through the credential's preAuthentication and empties it on a 401.
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
	},
];

/** Every request carries the token preAuthentication stored. */
export const bearerAuthentication: IAuthenticateGeneric = {
	type: 'generic',
	properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
};
