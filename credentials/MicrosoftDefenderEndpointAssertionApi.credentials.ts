import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { bearerAuthentication } from './assertionFields';
import { assertionProperties, assertionSignIn, credentialTest } from './credentialBuilder';
import { DEFENDER_CREDENTIAL } from './defenderCredential';

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

	properties: INodeProperties[] = assertionProperties(DEFENDER_CREDENTIAL, { wording: {} });

	preAuthentication = assertionSignIn(DEFENDER_CREDENTIAL);

	authenticate = bearerAuthentication;

	// The same cheapest call as the client-secret credential: one device, Machine.Read.All.
	test: ICredentialTestRequest = credentialTest(DEFENDER_CREDENTIAL);
}
