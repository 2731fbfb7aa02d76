import type { CloudTable, Cloud } from './cloudTable';

/** Microsoft Graph clouds for the security API: Graph host, Entra ID authority, token scope (docs/api-notes/graph.md). */
export interface GraphCloud extends Cloud {
	graphUrl: string;
}

// China (21Vianet) is left out: Graph marks incidents, alerts_v2 and runHuntingQuery as not available there.
export const GRAPH_CLOUDS: readonly GraphCloud[] = [
	{
		value: 'global',
		name: 'Global and US Government GCC (graph.microsoft.com)',
		graphUrl: 'https://graph.microsoft.com',
		authority: 'https://login.microsoftonline.com',
		scope: 'https://graph.microsoft.com/.default',
	},
	{
		value: 'gccHigh',
		name: 'US Government GCC High (graph.microsoft.us)',
		graphUrl: 'https://graph.microsoft.us',
		authority: 'https://login.microsoftonline.us',
		scope: 'https://graph.microsoft.us/.default',
	},
	{
		value: 'dod',
		name: 'US Government DoD (dod-graph.microsoft.us)',
		graphUrl: 'https://dod-graph.microsoft.us',
		authority: 'https://login.microsoftonline.us',
		scope: 'https://dod-graph.microsoft.us/.default',
	},
];

export const GRAPH_CUSTOM_ENVIRONMENT = 'custom';

/** Graph's clouds for the credential builder and the node's service-root check. */
export const GRAPH_CLOUD_TABLE: CloudTable<GraphCloud> = {
	product: 'Microsoft Graph',
	clouds: GRAPH_CLOUDS,
	customEnvironment: GRAPH_CUSTOM_ENVIRONMENT,
	serviceRoot: (cloud) => cloud.graphUrl,
	rootExample: 'https://graph.microsoft.com',
	rootSuffix: /\/v1\.0$/i,
};
