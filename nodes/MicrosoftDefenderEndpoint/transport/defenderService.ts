import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFENDER_CLOUD_TABLE } from '../../../credentials/defenderClouds';
import { serviceRootFor } from '../../../credentials/serviceRoot';

import type { Checked } from '../../core/operation/checks';
import type { ApiService } from '../../core/transport/apiService';

export const CREDENTIAL_TYPE = 'microsoftDefenderEndpointOAuth2Api';
/** The same API signed in with a certificate or a federated token file. */
export const ASSERTION_CREDENTIAL_TYPE = 'microsoftDefenderEndpointAssertionApi';

/** The Defender API service root for a credential, validated before any request is made. */
export const resolveApiBaseUrl = (credentials: ICredentialDataDecryptedObject): Checked<string> =>
	serviceRootFor(DEFENDER_CLOUD_TABLE, credentials);

/** Defender for Endpoint's API through the Endpoint credentials. */
export const DEFENDER_SERVICE: ApiService = {
	credentialType: CREDENTIAL_TYPE,
	assertionCredentialType: ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveApiBaseUrl,
	appKeyPrefix: '',
	customEnvironment: DEFENDER_CLOUD_TABLE.customEnvironment,
};
