import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Checked } from '../operation/checks';

/** The Environment value of a custom cloud, the same in every credential of the package. */
const CUSTOM_ENVIRONMENT = 'custom';

export const TENANT_PATTERN =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i;

/** A service root typed into a credential: https (http on loopback only), no query; `apiSuffix` (Defender's /api, Graph's /v1.0) is dropped. */
export function parseServiceRoot(
	raw: unknown,
	example: string,
	apiSuffix: RegExp,
): Checked<string> {
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			ok: false,
			problem: `The credential's API URL is not a URL: ${JSON.stringify(text)}. Use the service root, like ${example}`,
		};
	}
	// Plain http only to this machine (a local simulator): elsewhere the token would cross the network in clear.
	const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		return {
			ok: false,
			problem: `The credential's API URL must use https (http only for a simulator on localhost), got ${url.protocol}//${url.host}`,
		};
	}
	if (url.search || url.hash || url.username || url.password) {
		return {
			ok: false,
			problem:
				"The credential's API URL must be a service root, without a query, fragment or user name",
		};
	}
	// The node appends /api/... (or /v1.0/...); a pasted ".../api" would otherwise become /api/api.
	const path = url.pathname.replace(/\/+$/, '').replace(apiSuffix, '');
	return { ok: true, value: `${url.origin}${path}` };
}

/** A service's clouds as its credential offers them, and how a custom root typed into it is read. */
export interface CloudTable {
	/** The service as the "Unknown ... environment" message names it. */
	productName: string;
	/** Each cloud's Environment value and its service root. */
	roots: ReadonlyArray<{ value: string; root: string }>;
	/** The Environment value whose API URL the user types in. */
	customEnvironment: string;
	/** A service root for the "not a URL" message. */
	example: string;
	/** A version or API path a pasted root may end with, dropped because the node appends it. */
	apiSuffix: RegExp;
}

/** The service root for a credential, from its cloud or its typed URL, checked before any request is made. */
export function resolveServiceRoot(
	credentials: ICredentialDataDecryptedObject,
	table: CloudTable,
): Checked<string> {
	const environment = String(credentials.environment ?? 'global');
	if (environment === table.customEnvironment)
		return parseServiceRoot(credentials.apiUrl, table.example, table.apiSuffix);
	const cloud = table.roots.find((candidate) => candidate.value === environment);
	if (!cloud) {
		return {
			ok: false,
			problem: `Unknown ${table.productName} environment ${JSON.stringify(environment)} in the credential`,
		};
	}
	const tenantId = typeof credentials.tenantId === 'string' ? credentials.tenantId.trim() : '';
	if (!TENANT_PATTERN.test(tenantId)) {
		return {
			ok: false,
			problem: `The credential's Tenant ID must be a directory GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenantId)}`,
		};
	}
	return { ok: true, value: cloud.root };
}

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
export function signInKey(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.accessTokenUrl !== undefined)
		return `${String(credentials.accessTokenUrl)}|${String(credentials.clientId)}`;
	const where =
		credentials.environment === CUSTOM_ENVIRONMENT ? credentials.tokenUrl : credentials.tenantId;
	return `${String(credentials.environment)}|${String(where)}|${String(credentials.applicationId)}`;
}
