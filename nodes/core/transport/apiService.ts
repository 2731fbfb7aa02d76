import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Checked } from '../operation/checks';
import { CLIENT_ASSERTION } from '../operation/authentication';

/** The service a client talks to (Defender, Microsoft Graph): which credential it reads and where that credential points. Always passed in by the node. */
export interface ApiService {
	credentialType: string;
	/** The credential for the node's Certificate or Federated Token File authentication. */
	assertionCredentialType: string;
	/** The service root for a credential, checked before any request is made. */
	resolveBaseUrl(credentials: ICredentialDataDecryptedObject): Checked<string>;
	/** Keeps this service's tokens and budgets apart from another's on the same app registration. */
	appKeyPrefix: string;
	/** The Environment value of the service's custom cloud (its credential then names a Token URL, not a tenant). */
	customEnvironment: string;
}

/** The credential type the node's Authentication parameter selects (absent in saved workflows: the OAuth2 one). */
export const credentialTypeOf = (service: ApiService, authentication: unknown): string =>
	authentication === CLIENT_ASSERTION ? service.assertionCredentialType : service.credentialType;
