import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { GRAPH_CLOUDS, GRAPH_CUSTOM_ENVIRONMENT } from '../../../credentials/graphClouds';
import type { Checked } from '../../core/operation/checks';
import { resolveServiceRoot } from '../../core/transport/credentials';
import type { CloudTable } from '../../core/transport/credentials';
import type { ApiService } from '../../core/transport/apiService';

export const XDR_CREDENTIAL_TYPE = 'microsoftDefenderXdrOAuth2Api';
export const XDR_ASSERTION_CREDENTIAL_TYPE = 'microsoftDefenderXdrAssertionApi';

/** Graph's clouds; a typed root may end in /v1.0, which the node appends itself. */
const GRAPH_ROOTS: CloudTable = {
	productName: 'Microsoft Graph',
	roots: GRAPH_CLOUDS.map((cloud) => ({ value: cloud.value, root: cloud.graphUrl })),
	customEnvironment: GRAPH_CUSTOM_ENVIRONMENT,
	example: 'https://graph.microsoft.com',
	apiSuffix: /\/v1\.0$/i,
};

/** Graph's service root for the XDR credential, checked before any request is made. */
export const resolveGraphBaseUrl = (credentials: ICredentialDataDecryptedObject): Checked<string> =>
	resolveServiceRoot(credentials, GRAPH_ROOTS);

/** Microsoft Graph through the XDR credential: its own tokens and budgets, even on the Defender credential's app registration. */
export const GRAPH_SERVICE: ApiService = {
	credentialType: XDR_CREDENTIAL_TYPE,
	assertionCredentialType: XDR_ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveGraphBaseUrl,
	appKeyPrefix: 'graph|',
};
