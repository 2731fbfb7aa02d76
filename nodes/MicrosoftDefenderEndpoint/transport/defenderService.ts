import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CUSTOM_ENVIRONMENT, DEFENDER_CLOUDS } from '../../../credentials/defenderClouds';

import type { Checked } from '../../core/operation/checks';
import type { ApiService } from '../../core/transport/apiService';
import { resolveServiceRoot } from '../../core/transport/credentials';
import type { CloudTable } from '../../core/transport/credentials';

export const CREDENTIAL_TYPE = 'microsoftDefenderEndpointOAuth2Api';
/** The same API signed in with a certificate or a federated token file. */
export const ASSERTION_CREDENTIAL_TYPE = 'microsoftDefenderEndpointAssertionApi';

/** Defender's clouds; a typed root may end in /api, which the node appends itself. */
const DEFENDER_ROOTS: CloudTable = {
	productName: 'Defender',
	roots: DEFENDER_CLOUDS.map((cloud) => ({ value: cloud.value, root: cloud.apiUrl })),
	customEnvironment: CUSTOM_ENVIRONMENT,
	example: 'https://api.security.microsoft.com',
	apiSuffix: /\/api$/i,
};

/** The Defender API service root for a credential, validated before any request is made. */
export const resolveApiBaseUrl = (credentials: ICredentialDataDecryptedObject): Checked<string> =>
	resolveServiceRoot(credentials, DEFENDER_ROOTS);

/** Defender for Endpoint's API through the Endpoint credentials. */
export const DEFENDER_SERVICE: ApiService = {
	credentialType: CREDENTIAL_TYPE,
	assertionCredentialType: ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveApiBaseUrl,
	appKeyPrefix: '',
};
