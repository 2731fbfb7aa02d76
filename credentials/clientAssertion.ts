import { X509Certificate, createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * RFC 7523 client assertions for Entra ID, with Node's own crypto (the package keeps no runtime
 * dependency). What Entra expects is on Microsoft Learn, "Microsoft identity platform application
 * authentication certificate credentials": RS256, the certificate's SHA-1 thumbprint as `x5t`
 * (or SHA-256 as `x5t#S256`), `aud` the tenant's token endpoint, `iss` = `sub` = the client ID,
 * a unique `jti`, and `nbf`/`exp` bounding a short lifetime.
 */

/** A problem with what the user typed into the credential; nothing was sent when one is thrown. */
export class SignInSetupError extends Error {
	override name = 'SignInSetupError';
}

/** How long an assertion is valid: Entra refuses one outside nbf..exp (AADSTS700024). */
export const ASSERTION_LIFETIME_SECONDS = 5 * 60;
/** A certificate expiring within this many days is named in the message of a failed sign-in. */
export const EXPIRY_WARNING_DAYS = 30;

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** The certificate and its private key, read and checked against each other. */
export interface SigningCertificate {
	certificate: X509Certificate;
	key: KeyObject;
	/** SHA-1 thumbprint in hex, as the Entra portal shows it: it names the certificate in messages. */
	thumbprint: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_PRIVATE_KEY =
	/-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/;

/** A PEM pasted into a one-line field loses its line breaks; put them back. */
const normalizePem = (text: string): string => text.replace(/\\n/g, '\n').trim();

/** The value, or undefined when making it throws (an unreadable PEM). */
export function attempt<T>(make: () => T): T | undefined {
	try {
		return make();
	} catch {
		return undefined;
	}
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Reads the certificate and its key: the key may sit in either field (a PEM bundle holds both).
 * Every message names the certificate by thumbprint, never the key.
 */
export function readSigningCertificate(
	certificateText: string,
	privateKeyText: string,
	passphrase: string,
	now: Date = new Date(),
): SigningCertificate {
	const bundle = `${normalizePem(certificateText)}\n${normalizePem(privateKeyText)}`;
	const certificatePem = PEM_CERTIFICATE.exec(bundle)?.[0];
	if (!certificatePem) {
		throw new SignInSetupError(
			'The Certificate field holds no PEM certificate: paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----',
		);
	}
	const certificate = attempt(() => new X509Certificate(certificatePem));
	if (!certificate) {
		throw new SignInSetupError(
			'The Certificate field holds a PEM block that is not a valid X.509 certificate',
		);
	}
	const thumbprint = certificate.fingerprint.replace(/:/g, '');
	const keyPem = PEM_PRIVATE_KEY.exec(bundle)?.[0];
	if (!keyPem) {
		throw new SignInSetupError(
			`No private key was given for certificate ${thumbprint}: paste the PEM private key (-----BEGIN PRIVATE KEY-----) into Private Key; a certificate alone cannot sign in`,
		);
	}
	const key = attempt(() => createPrivateKey({ key: keyPem, passphrase: passphrase || undefined }));
	if (!key) {
		throw new SignInSetupError(
			keyPem.includes('ENCRYPTED') || passphrase
				? `The private key for certificate ${thumbprint} could not be decrypted: check the Private Key Passphrase`
				: `The Private Key field does not hold a readable PEM private key (certificate ${thumbprint})`,
		);
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw new SignInSetupError(
			`The private key for certificate ${thumbprint} is ${key.asymmetricKeyType ?? 'not RSA'}: Entra ID client assertions are signed RS256, with an RSA key`,
		);
	}
	if (!certificate.checkPrivateKey(key)) {
		throw new SignInSetupError(
			`The private key does not belong to certificate ${thumbprint}: use the key the certificate was made with`,
		);
	}
	const validTo = new Date(certificate.validTo);
	if (validTo.getTime() <= now.getTime()) {
		throw new SignInSetupError(
			`Certificate ${thumbprint} expired on ${day(validTo)}: create a new one, upload it to the app registration (Certificates & secrets) and paste it here with its key`,
		);
	}
	const validFrom = new Date(certificate.validFrom);
	if (validFrom.getTime() > now.getTime()) {
		throw new SignInSetupError(`Certificate ${thumbprint} is not valid before ${day(validFrom)}`);
	}
	return { certificate, key, thumbprint };
}

/** Days until the certificate expires, when that is within EXPIRY_WARNING_DAYS. */
export function expiresSoon(
	signing: SigningCertificate,
	now: Date = new Date(),
): number | undefined {
	const days = Math.floor((Date.parse(signing.certificate.validTo) - now.getTime()) / 86_400_000);
	return days < EXPIRY_WARNING_DAYS ? days : undefined;
}

export interface AssertionClaims {
	clientId: string;
	/** The token endpoint the assertion is sent to, and only to. */
	audience: string;
	now?: Date;
	/** `x5t#S256` (SHA-256 thumbprint) instead of `x5t` (SHA-1). */
	sha256Thumbprint?: boolean;
}

/** A signed JWT client assertion (compact serialization). */
export function signClientAssertion(signing: SigningCertificate, claims: AssertionClaims): string {
	const der = signing.certificate.raw;
	const header = {
		alg: 'RS256',
		typ: 'JWT',
		...(claims.sha256Thumbprint
			? { 'x5t#S256': base64url(createHash('sha256').update(der).digest()) }
			: { x5t: base64url(createHash('sha1').update(der).digest()) }),
	};
	const issuedAt = Math.floor((claims.now ?? new Date()).getTime() / 1000);
	const payload = {
		aud: claims.audience,
		iss: claims.clientId,
		sub: claims.clientId,
		jti: randomUUID(),
		iat: issuedAt,
		nbf: issuedAt,
		exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
	};
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
	const signature = sign('sha256', Buffer.from(signingInput), signing.key);
	return `${signingInput}.${base64url(signature)}`;
}
