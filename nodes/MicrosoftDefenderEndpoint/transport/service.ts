import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Checked } from '../shared/checks';
import { CLIENT_ASSERTION } from '../shared/authentication';
import { ASSERTION_CREDENTIAL_TYPE, CREDENTIAL_TYPE } from '../shared/nodeOptions';
import { resolveApiBaseUrl } from './credentials';

/** The service a client talks to: which credential it reads and where that credential points. */
export interface ApiService {
	credentialType: string;
	/** The credential for the node's Certificate or Federated Token File authentication. */
	assertionCredentialType: string;
	/** The service root for a credential, checked before any request is made. */
	resolveBaseUrl(credentials: ICredentialDataDecryptedObject): Checked<string>;
	/** Keeps this service's tokens and budgets apart from another's on the same app registration. */
	appKeyPrefix: string;
}

export const DEFENDER_SERVICE: ApiService = {
	credentialType: CREDENTIAL_TYPE,
	assertionCredentialType: ASSERTION_CREDENTIAL_TYPE,
	resolveBaseUrl: resolveApiBaseUrl,
	appKeyPrefix: '',
};

/** The credential type the node's Authentication parameter selects (absent in saved workflows: the OAuth2 one). */
export const credentialTypeOf = (service: ApiService, authentication: unknown): string =>
	authentication === CLIENT_ASSERTION ? service.assertionCredentialType : service.credentialType;
