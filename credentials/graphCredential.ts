import type { CredentialService } from './credentialBuilder';
import { GRAPH_CLOUD_TABLE } from './graphClouds';
import type { GraphCloud } from './graphClouds';

/** What both Defender XDR (Microsoft Graph) credentials (client secret; certificate or federated token) share. */
export const GRAPH_CREDENTIAL: CredentialService<GraphCloud> = {
	clouds: GRAPH_CLOUD_TABLE,
	environmentDescription: 'The Microsoft Graph cloud your tenant lives in',
	customOptionName: 'Custom (Graph URL and Token URL)',
	serviceRootField: {
		displayName: 'Graph URL',
		description: 'Service root of Microsoft Graph; the node appends /v1.0/security/...',
	},
	scopeOverride: false,
	wording: {},
	// The cheapest read that proves the token and the incident permission: one incident.
	test: {
		url: '/v1.0/security/incidents',
		qs: { $top: 1 },
		rules: {
			401: "Microsoft Graph refused the token: the Environment must be the cloud your tenant's token is issued for (a Defender API token does not work for Graph)",
			403: 'The app registration may not read incidents: grant it the Microsoft Graph application permission SecurityIncident.Read.All (and ThreatHunting.Read.All for hunting), with admin consent',
			404: 'The Graph URL answered 404 for /v1.0/security/incidents: use the service root, like https://graph.microsoft.com',
		},
	},
};
