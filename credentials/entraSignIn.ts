import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import {
	JWT_BEARER_ASSERTION_TYPE,
	SignInSetupError,
	attempt,
	expiresSoon,
	readSigningCertificate,
	signClientAssertion,
} from './clientAssertion';
import { readFederatedToken } from './federatedTokenFile';

/** Where a credential signs in: its token endpoint and the scope it asks for, from its own fields. */
export interface SignInTarget {
	tokenUrl(credentials: ICredentialDataDecryptedObject): string;
	scope(credentials: ICredentialDataDecryptedObject): string;
}

/** Entra ID's answer to a refused token request, and what to do about the usual ones. */
const HINTS: Record<string, string> = {
	AADSTS700027:
		"upload this certificate's public part (.cer or .pem) to the app registration under Certificates & secrets",
	AADSTS700024: "check this machine's clock: the assertion is valid for five minutes from now",
	AADSTS700023: 'the Environment (or Token URL) must be the cloud the tenant lives in',
	AADSTS90002: "use the Directory (tenant) ID on the app registration's Overview page",
	AADSTS700016: "use the Application (client) ID on the app registration's Overview page",
	AADSTS700211:
		"the federated credential's Issuer must be the token's issuer (Certificates & secrets → Federated credentials)",
	AADSTS700213:
		"the federated credential's Subject must be the token's subject, such as system:serviceaccount:<namespace>:<service account>",
	AADSTS70021:
		"add a federated credential whose Issuer, Subject and Audience match the token's (Certificates & secrets → Federated credentials)",
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The token endpoint, refused when it could send the assertion anywhere but Entra ID (or a local simulator). */
export function checkedTokenUrl(raw: string): string {
	const url = attempt(() => new URL(raw));
	if (!url) {
		throw new SignInSetupError(`The credential's Token URL is not a URL: ${JSON.stringify(raw)}`);
	}
	const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		throw new SignInSetupError(
			`The credential's Token URL must use https (http only for a simulator on localhost), got ${url.protocol}//${url.host}`,
		);
	}
	return url.toString();
}

/** The tenant as it goes into the token endpoint's path. */
export function checkedTenant(raw: unknown): string {
	const tenant = text(raw);
	if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenant)) {
		throw new SignInSetupError(
			`The credential's Tenant ID must be a directory GUID or a domain such as contoso.onmicrosoft.com, got ${JSON.stringify(tenant)}`,
		);
	}
	return tenant;
}

async function clientAssertion(
	credentials: ICredentialDataDecryptedObject,
	clientId: string,
	tokenUrl: string,
): Promise<{ assertion: string; note: string }> {
	if (credentials.signIn === 'federatedTokenFile') {
		return { assertion: await readFederatedToken(text(credentials.tokenFilePath)), note: '' };
	}
	const signing = readSigningCertificate(
		text(credentials.certificate),
		text(credentials.privateKey),
		typeof credentials.passphrase === 'string' ? credentials.passphrase : '',
	);
	const days = expiresSoon(signing);
	return {
		assertion: signClientAssertion(signing, {
			clientId,
			audience: tokenUrl,
			sha256Thumbprint: credentials.thumbprintHeader === 'x5t#S256',
		}),
		note:
			days === undefined
				? ''
				: ` Certificate ${signing.thumbprint} expires in ${days} day${days === 1 ? '' : 's'}: renew it.`,
	};
}

/** Entra ID's refusal, worded for the user: its own code and text, then what to change. */
function refusal(status: number, body: unknown, note: string): SignInSetupError {
	const answer = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const description = text(answer.error_description).split(/\r?\n/)[0] ?? '';
	const code = /AADSTS\d+/.exec(description)?.[0];
	const hint = code ? HINTS[code] : undefined;
	const said = description
		? `${description}${answer.error ? ` (${String(answer.error)})` : ''}`
		: `HTTP ${status}`;
	return new SignInSetupError(
		`Entra ID refused the sign-in: ${said}${hint ? `. Fix: ${hint}` : ''}.${note}`,
	);
}

/**
 * The credential's preAuthentication: n8n calls it when the stored token is empty, on a 401 and on
 * the credential test, stores what it returns in the expirable `accessToken` field and sends that
 * token until the next 401. Nothing reaches the API when this throws.
 */
export function signInWithAssertion(target: SignInTarget) {
	return async function (
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const clientId = text(credentials.applicationId);
		if (!clientId) throw new SignInSetupError("The credential's Client ID is empty");
		const tokenUrl = checkedTokenUrl(target.tokenUrl(credentials));
		const { assertion, note } = await clientAssertion(credentials, clientId, tokenUrl);
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			scope: target.scope(credentials),
			client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
			client_assertion: assertion,
		});
		const sent = await this.helpers
			.httpRequest({
				method: 'POST',
				url: tokenUrl,
				body: form.toString(),
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: true,
			})
			.then(
				(answer) => ({ response: answer as IN8nHttpFullResponse }),
				(error: unknown) => ({ code: (error as { code?: unknown }).code }),
			);
		if (!('response' in sent)) {
			throw new SignInSetupError(
				`Could not reach Entra ID's token endpoint ${new URL(tokenUrl).origin}${typeof sent.code === 'string' ? ` (${sent.code})` : ''}`,
			);
		}
		const { response } = sent;
		const body = typeof response.body === 'string' ? safeJson(response.body) : response.body;
		const token = (body as IDataObject | undefined)?.access_token;
		if (response.statusCode >= 300 || typeof token !== 'string' || !token) {
			throw refusal(response.statusCode, body, note);
		}
		return { accessToken: token };
	};
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return undefined;
	}
}
