import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { GRAPH_CLOUD_TABLE } from '../../../credentials/graphClouds';
import { serviceRootFor } from '../../../credentials/serviceRoot';
import type { Checked } from '../../core/operation/checks';
import type { ApiService } from '../../core/transport/apiService';

export const XDR_CREDENTIAL_TYPE = 'microsoftDefenderXdrOAuth2Api';
export const XDR_ASSERTION_CREDENTIAL_TYPE = 'microsoftDefenderXdrAssertionApi';

/** Graph's service root for the XDR credential, checked before any request is made. */
export const resolveGraphBaseUrl = (credentials: ICredentialDataDecryptedObject): Checked<string> =>
	serviceRootFor(GRAPH_CLOUD_TABLE, credentials);

/** Microsoft Graph through the XDR credential: its own tokens and budgets, even on the Defender credential's app registration. */
export const GRAPH_SERVICE: ApiService = {
	credentialType: XDR_CREDENTIAL_TYPE,
	assertionCredentialType: XDR_ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveGraphBaseUrl,
	appKeyPrefix: 'graph|',
	customEnvironment: GRAPH_CLOUD_TABLE.customEnvironment,
};
