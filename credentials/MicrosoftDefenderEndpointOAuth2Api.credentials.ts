import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { credentialTest, oauth2Properties } from './credentialBuilder';
import { DEFENDER_CREDENTIAL } from './defenderCredential';

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

	properties: INodeProperties[] = oauth2Properties(DEFENDER_CREDENTIAL, {
		notice: {
			// n8n words a refused token request as "Client authentication failed": name the usual three causes.
			displayName:
				"If the test fails to get a token: a wrong Client Secret (Entra AADSTS7000215: use the secret's Value, not its Secret ID), a wrong Client ID (AADSTS700016: the Application (client) ID on the app's Overview page) or a wrong Tenant ID (AADSTS90002: the Directory (tenant) ID on the same page).",
			name: 'commonFaultsNotice',
			type: 'notice',
			default: '',
		},
		noticePlace: 'beforeGrantType',
		wording: {
			tenantId: {
				hint: "The Directory (tenant) ID on the app registration's Overview page in Entra ID",
			},
			applicationId: {
				hint: "The Application (client) ID on the app registration's Overview page",
			},
			applicationSecret: {
				hint: "The secret's Value, shown once when it is created under Certificates & secrets (not its Secret ID)",
			},
			scopeOverride: {
				description:
					'Leave empty to use the scope of the chosen environment. The token is asked for the WindowsDefenderATP app (its scope host, like api.securitycenter.microsoft.com), not for the API host the requests go to, which is why the two differ. Microsoft does not document the US Government scopes, so set this if your tenant needs another one.',
			},
		},
	});

	test: ICredentialTestRequest = credentialTest(DEFENDER_CREDENTIAL);
}
