import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { GRAPH_CLOUDS, GRAPH_CUSTOM_ENVIRONMENT } from '../../../credentials/graphClouds';
import type { Checked } from '../../MicrosoftDefenderEndpoint/shared/checks';
import {
	TENANT_PATTERN,
	parseServiceRoot,
} from '../../MicrosoftDefenderEndpoint/transport/credentials';
import type { ApiService } from '../../MicrosoftDefenderEndpoint/transport/service';

export const XDR_CREDENTIAL_TYPE = 'microsoftDefenderXdrOAuth2Api';
export const XDR_ASSERTION_CREDENTIAL_TYPE = 'microsoftDefenderXdrAssertionApi';

/** Graph's service root for the XDR credential, checked before any request is made. */
export function resolveGraphBaseUrl(credentials: ICredentialDataDecryptedObject): Checked<string> {
	const environment = String(credentials.environment ?? 'global');
	// The node appends /v1.0/...; a pasted ".../v1.0" would otherwise become /v1.0/v1.0.
	if (environment === GRAPH_CUSTOM_ENVIRONMENT)
		return parseServiceRoot(credentials.apiUrl, 'https://graph.microsoft.com', /\/v1\.0$/i);
	const cloud = GRAPH_CLOUDS.find((candidate) => candidate.value === environment);
	if (!cloud)
		return {
			ok: false,
			problem: `Unknown Microsoft Graph environment ${JSON.stringify(environment)} in the credential`,
		};
	const tenantId = typeof credentials.tenantId === 'string' ? credentials.tenantId.trim() : '';
	if (!TENANT_PATTERN.test(tenantId)) {
		return {
			ok: false,
			problem: `The credential's Tenant ID must be a directory GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenantId)}`,
		};
	}
	return { ok: true, value: cloud.graphUrl };
}

/** Microsoft Graph through the XDR credential: its own tokens and budgets, even on the Defender credential's app registration. */
export const GRAPH_SERVICE: ApiService = {
	credentialType: XDR_CREDENTIAL_TYPE,
	assertionCredentialType: XDR_ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveGraphBaseUrl,
	appKeyPrefix: 'graph|',
};
