import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Values that must never appear in an error or output: the client secret and any stored token. */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	const secrets: string[] = [];
	for (const secret of [
		credentials.clientSecret,
		credentials.applicationSecret,
		credentials.privateKey,
		credentials.passphrase,
		credentials.accessToken,
	]) {
		if (typeof secret === 'string' && secret !== '') secrets.push(secret);
	}
	const tokenData = credentials.oauthTokenData;
	if (typeof tokenData === 'object' && tokenData !== null) {
		for (const key of ['access_token', 'refresh_token', 'accessToken']) {
			const value = (tokenData as Record<string, unknown>)[key];
			if (typeof value === 'string') secrets.push(value);
		}
	}
	return secrets;
}

/**
 * The app registration a credential signs in as, whichever its method: the OAuth2 credential's
 * token URL and client ID, or the certificate/federated credential's cloud, tenant (or Token URL)
 * and client ID. Clients of one app share its first-token gate and its budgets.
 */
export function signInKey(
	credentials: ICredentialDataDecryptedObject,
	customEnvironment: string,
): string {
	if (credentials.accessTokenUrl !== undefined)
		return `${String(credentials.accessTokenUrl)}|${String(credentials.clientId)}`;
	const where =
		credentials.environment === customEnvironment ? credentials.tokenUrl : credentials.tenantId;
	return `${String(credentials.environment)}|${String(where)}|${String(credentials.applicationId)}`;
}
