import type { CredentialService } from './credentialBuilder';
import { DEFENDER_CLOUD_TABLE } from './defenderClouds';
import type { DefenderCloud } from './defenderClouds';

/** What both Defender for Endpoint credentials (client secret; certificate or federated token) share. */
export const DEFENDER_CREDENTIAL: CredentialService<DefenderCloud> = {
	clouds: DEFENDER_CLOUD_TABLE,
	environmentDescription: 'The Defender for Endpoint cloud your tenant lives in',
	customOptionName: 'Custom (API URL and Token URL)',
	serviceRootField: {
		displayName: 'API URL',
		description: 'Service root of the Defender API; the node appends /api/...',
	},
	scopeOverride: true,
	wording: { applicationId: { placeholder: '00000000-0000-0000-0000-000000000000' } },
	// The cheapest call that proves the token works against the chosen cloud: one device, Machine.Read.All.
	test: {
		url: '/api/machines',
		qs: { $top: 1 },
		rules: {
			401: "Defender refused the token: the Environment (API host) must be the cloud your tenant's token is issued for, and Scope Override, if set, that cloud's scope",
			403: 'The app registration may not read devices: grant it the WindowsDefenderATP application permission Machine.Read.All, with admin consent',
			404: 'The API URL answered 404 for /api/machines: use the service root, like https://api.security.microsoft.com',
		},
	},
};
