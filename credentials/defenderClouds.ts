import type { CloudTable, Cloud } from './cloudTable';

/** Defender for Endpoint clouds: API host, Entra ID authority and token scope (docs/api-notes/common.md). */
export interface DefenderCloud extends Cloud {
	apiUrl: string;
}

const COMMERCIAL_AUTHORITY = 'https://login.microsoftonline.com';
const COMMERCIAL_SCOPE = 'https://api.securitycenter.microsoft.com/.default';
// Microsoft documents no scope for the US Government clouds; these are the ones peer integrations use.
const GCC_SCOPE = 'https://securitycenter.onmicrosoft.com/windowsatpservice/.default';
const GCC_HIGH_SCOPE = 'https://securitycenter.onmicrosoft.us/windowsatpservice/.default';

const regional = (code: string, label: string): DefenderCloud => ({
	value: code,
	name: `Commercial, ${label} (${code}.api.security.microsoft.com)`,
	apiUrl: `https://${code}.api.security.microsoft.com`,
	authority: COMMERCIAL_AUTHORITY,
	scope: COMMERCIAL_SCOPE,
});

export const DEFENDER_CLOUDS: readonly DefenderCloud[] = [
	{
		value: 'global',
		name: 'Commercial, Global (api.security.microsoft.com)',
		apiUrl: 'https://api.security.microsoft.com',
		authority: COMMERCIAL_AUTHORITY,
		scope: COMMERCIAL_SCOPE,
	},
	regional('us', 'United States'),
	regional('eu', 'Europe'),
	regional('uk', 'United Kingdom'),
	regional('au', 'Australia'),
	// The docs list these hosts without naming the geography they serve (docs/api-notes/common.md).
	regional('swa', 'region swa'),
	regional('ina', 'region ina'),
	regional('aea', 'region aea'),
	{
		value: 'gcc',
		name: 'US Government GCC (api-gcc.securitycenter.microsoft.us)',
		apiUrl: 'https://api-gcc.securitycenter.microsoft.us',
		authority: COMMERCIAL_AUTHORITY,
		scope: GCC_SCOPE,
	},
	{
		value: 'gccHigh',
		name: 'US Government GCC High (api-gov.securitycenter.microsoft.us)',
		apiUrl: 'https://api-gov.securitycenter.microsoft.us',
		authority: 'https://login.microsoftonline.us',
		scope: GCC_HIGH_SCOPE,
	},
	{
		value: 'dod',
		name: 'US Government DoD (api-gov.securitycenter.microsoft.us)',
		apiUrl: 'https://api-gov.securitycenter.microsoft.us',
		authority: 'https://login.microsoftonline.us',
		scope: GCC_HIGH_SCOPE,
	},
];

export const CUSTOM_ENVIRONMENT = 'custom';

/** Defender's clouds for the credential builder and the node's service-root check. */
export const DEFENDER_CLOUD_TABLE: CloudTable<DefenderCloud> = {
	product: 'Defender',
	clouds: DEFENDER_CLOUDS,
	customEnvironment: CUSTOM_ENVIRONMENT,
	serviceRoot: (cloud) => cloud.apiUrl,
	rootExample: 'https://api.security.microsoft.com',
	rootSuffix: /\/api$/i,
};
