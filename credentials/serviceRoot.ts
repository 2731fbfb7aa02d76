import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { cloudFor } from './cloudTable';
import type { Cloud, CloudTable } from './cloudTable';

/** A checked value, or the problem the user reads; the shape of the nodes' `Checked<string>`. */
export type CheckedRoot = { ok: true; value: string } | { ok: false; problem: string };

/** A tenant as the node accepts it before any request: a directory GUID or a domain. */
export const TENANT_PATTERN =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i;

/** A service root typed into a credential: https (http on loopback only), no query; `suffix` (Defender's /api) is dropped. */
export function parseServiceRoot(raw: unknown, example: string, suffix: RegExp): CheckedRoot {
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
	const path = url.pathname.replace(/\/+$/, '').replace(suffix, '');
	return { ok: true, value: `${url.origin}${path}` };
}

/** The service root a credential's requests go to, checked before any request is made. */
export function serviceRootFor<C extends Cloud>(
	table: CloudTable<C>,
	credentials: ICredentialDataDecryptedObject,
): CheckedRoot {
	const environment = String(credentials.environment ?? 'global');
	if (environment === table.customEnvironment) {
		return parseServiceRoot(credentials.apiUrl, table.rootExample, table.rootSuffix);
	}
	const cloud = cloudFor(table, environment);
	if (!cloud) {
		return {
			ok: false,
			problem: `Unknown ${table.product} environment ${JSON.stringify(environment)} in the credential`,
		};
	}
	const tenantId = typeof credentials.tenantId === 'string' ? credentials.tenantId.trim() : '';
	if (!TENANT_PATTERN.test(tenantId)) {
		return {
			ok: false,
			problem: `The credential's Tenant ID must be a directory GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenantId)}`,
		};
	}
	return { ok: true, value: table.serviceRoot(cloud) };
}
