import { X509Certificate, createHash, createPublicKey, verify } from 'node:crypto';

/**
 * What Entra ID checks in a client assertion (RFC 7523), with its AADSTS codes and texts:
 * a certificate assertion's signature against a certificate registered on the app (by its `x5t` or
 * `x5t#S256` thumbprint), audience (the token endpoint), issuer and subject (the client ID), its
 * time range and `jti`; a federated token's issuer, subject and audience against the app's
 * federated identity credentials (and its signature, when the record names the issuer's key).
 * Microsoft Learn: "Microsoft identity platform application authentication certificate
 * credentials" and "Workload identity federation".
 */

/** A federated identity credential on an app registration. */
export interface FederatedCredential {
	issuer: string;
	subject: string;
	/** Entra's default audience for federated tokens. */
	audience?: string;
	/** The issuer's signing key (PEM), standing in for its OIDC keys: the token's signature is checked when set. */
	issuerKeyPem?: string;
}

export const FEDERATED_AUDIENCE = 'api://AzureADTokenExchange';
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Entra's refusal: HTTP status, OAuth error, AADSTS description. */
export type AssertionRefusal = [number, string, string];

interface Jwt {
	header: Record<string, unknown>;
	payload: Record<string, unknown>;
	signingInput: string;
	signature: Buffer;
}

const MALFORMED: AssertionRefusal = [
	400,
	'invalid_request',
	'AADSTS50027: JWT token is invalid or malformed.',
];

function parseJwt(token: string): Jwt | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as unknown;
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as unknown;
		if (typeof header !== 'object' || header === null) return undefined;
		if (typeof payload !== 'object' || payload === null) return undefined;
		return {
			header: header as Record<string, unknown>,
			payload: payload as Record<string, unknown>,
			signingInput: `${parts[0]}.${parts[1]}`,
			signature: Buffer.from(parts[2], 'base64url'),
		};
	} catch {
		return undefined;
	}
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

function timeRange(payload: Record<string, unknown>, nowMs: number): AssertionRefusal | undefined {
	const now = Math.floor(nowMs / 1000);
	const exp = Number(payload.exp);
	const nbf = payload.nbf === undefined ? undefined : Number(payload.nbf);
	if (!Number.isFinite(exp)) return MALFORMED;
	// Entra allows five minutes of clock skew.
	if (exp + 300 < now || (nbf !== undefined && nbf - 300 > now)) {
		return [
			400,
			'invalid_client',
			`AADSTS700024: Client assertion is not within its valid time range. Current time: ${iso(now)}, assertion valid from ${nbf === undefined ? 'unset' : iso(nbf)}, expiry time of assertion ${iso(exp)}.`,
		];
	}
	return undefined;
}

const verifies = (jwt: Jwt, keyPem: string): boolean =>
	jwt.header.alg === 'RS256' &&
	verify('sha256', Buffer.from(jwt.signingInput), createPublicKey(keyPem), jwt.signature);

function checkCertificateAssertion(
	jwt: Jwt,
	clientId: string,
	audience: string,
	certificates: readonly string[],
	nowMs: number,
): AssertionRefusal | undefined {
	const sha1 = typeof jwt.header.x5t === 'string' ? jwt.header.x5t : undefined;
	const sha256 = jwt.header['x5t#S256'];
	const registered = certificates.map((pem) => new X509Certificate(pem));
	const match = registered.find((certificate) =>
		sha1 !== undefined
			? createHash('sha1').update(certificate.raw).digest('base64url') === sha1
			: createHash('sha256').update(certificate.raw).digest('base64url') === sha256,
	);
	const presented = sha1
		? Buffer.from(sha1, 'base64url').toString('hex').toUpperCase()
		: String(sha256);
	if (!match) {
		return [
			401,
			'invalid_client',
			`AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${presented}']`,
		];
	}
	if (Date.parse(match.validTo) < nowMs) {
		return [
			401,
			'invalid_client',
			`AADSTS700027: The certificate with identifier used to sign the client assertion is expired on application. [Reason - The key used is expired., Thumbprint of key used by client: '${presented}']`,
		];
	}
	if (!verifies(jwt, match.publicKey.export({ type: 'spki', format: 'pem' }).toString())) {
		return [
			401,
			'invalid_client',
			`AADSTS700027: Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${presented}']`,
		];
	}
	if (jwt.payload.aud !== audience) {
		return [
			401,
			'invalid_client',
			'AADSTS700023: Client assertion audience claim does not match Realm issuer.',
		];
	}
	if (jwt.payload.iss !== clientId || jwt.payload.sub !== clientId) {
		return [
			401,
			'invalid_client',
			"AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.",
		];
	}
	if (typeof jwt.payload.jti !== 'string' || !jwt.payload.jti) return MALFORMED;
	return timeRange(jwt.payload, nowMs);
}

const NO_RECORD = (what: string, value: unknown): AssertionRefusal => [
	400,
	'invalid_client',
	`AADSTS${what === 'issuer' ? '700211' : what === 'subject' ? '700213' : '700212'}: No matching federated identity record found for presented assertion ${what} '${String(value)}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
];

function checkFederatedToken(
	jwt: Jwt,
	records: readonly FederatedCredential[],
	nowMs: number,
): AssertionRefusal | undefined {
	const { iss, sub, aud } = jwt.payload;
	const byIssuer = records.filter((record) => record.issuer === iss);
	if (byIssuer.length === 0) return NO_RECORD('issuer', iss);
	const bySubject = byIssuer.filter((record) => record.subject === sub);
	if (bySubject.length === 0) return NO_RECORD('subject', sub);
	const audiences = Array.isArray(aud) ? aud : [aud];
	const record = bySubject.find((candidate) =>
		audiences.includes(candidate.audience ?? FEDERATED_AUDIENCE),
	);
	if (!record) return NO_RECORD('audience', audiences.join(','));
	if (record.issuerKeyPem && !verifies(jwt, record.issuerKeyPem)) {
		return [400, 'invalid_client', 'AADSTS50013: Assertion failed signature validation.'];
	}
	return timeRange(jwt.payload, nowMs);
}

/** Undefined when Entra would accept the assertion for this app and token endpoint. */
export function checkClientAssertion(
	form: URLSearchParams,
	app: { clientId: string; certificates?: string[]; federatedCredentials?: FederatedCredential[] },
	tokenEndpoint: string,
	nowMs: number,
): AssertionRefusal | undefined {
	if (form.get('client_assertion_type') !== JWT_BEARER) {
		return [
			400,
			'invalid_request',
			"AADSTS50027: JWT token is invalid or malformed. The client_assertion_type must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
		];
	}
	const jwt = parseJwt(form.get('client_assertion') ?? '');
	if (!jwt) return MALFORMED;
	if (jwt.header.x5t !== undefined || jwt.header['x5t#S256'] !== undefined) {
		return checkCertificateAssertion(
			jwt,
			app.clientId,
			tokenEndpoint,
			app.certificates ?? [],
			nowMs,
		);
	}
	return checkFederatedToken(jwt, app.federatedCredentials ?? [], nowMs);
}
