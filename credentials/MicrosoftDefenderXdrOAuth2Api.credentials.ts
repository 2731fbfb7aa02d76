import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { credentialTest, oauth2Properties } from './credentialBuilder';
import { GRAPH_CREDENTIAL } from './graphCredential';

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

	properties: INodeProperties[] = oauth2Properties(GRAPH_CREDENTIAL, {
		notice: {
			displayName:
				'Grant the app registration the Microsoft Graph application permissions ThreatHunting.Read.All, SecurityIncident.ReadWrite.All and SecurityAlert.ReadWrite.All (or their Read.All forms), with admin consent',
			name: 'permissionsNotice',
			type: 'notice',
			default: '',
		},
		noticePlace: 'afterGrantType',
		wording: {
			applicationId: {
				description:
					'Application (client) ID of the app registration (the same app as the Defender credential may be used)',
			},
		},
	});

	test: ICredentialTestRequest = credentialTest(GRAPH_CREDENTIAL);
}
