import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { bearerAuthentication } from './assertionFields';
import { assertionProperties, assertionSignIn, credentialTest } from './credentialBuilder';
import { GRAPH_CREDENTIAL } from './graphCredential';

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

	properties: INodeProperties[] = assertionProperties(GRAPH_CREDENTIAL, { wording: {} });

	preAuthentication = assertionSignIn(GRAPH_CREDENTIAL);

	authenticate = bearerAuthentication;

	test: ICredentialTestRequest = credentialTest(GRAPH_CREDENTIAL);
}
