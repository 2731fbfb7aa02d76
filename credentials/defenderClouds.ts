/** Defender for Endpoint clouds: API host, Entra ID authority and token scope (docs/api-notes/common.md). */
export interface DefenderCloud {
	value: string;
	name: string;
	apiUrl: string;
	authority: string;
	scope: string;
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

/** Builds `{"global": "...", ...}[key]` lookups for credential expressions, from the one table above. */
export function cloudLookupExpression(
	field: 'apiUrl' | 'authority' | 'scope',
	key: string,
): string {
	const table = Object.fromEntries(DEFENDER_CLOUDS.map((cloud) => [cloud.value, cloud[field]]));
	return `(${JSON.stringify(table)})[${key}]`;
}
