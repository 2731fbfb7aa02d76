import { X509Certificate, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * A self-signed X.509 certificate built with Node's crypto and a few lines of DER: what an app
 * registration's certificate credential is, for the simulator, the tests and the demo (no
 * certificate library needed). RSA, signed sha256WithRSAEncryption.
 */

const der = (tag: number, content: Buffer): Buffer => {
	const length = content.length;
	if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
	return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
};
const sequence = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));

function oid(dotted: string): Buffer {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const arc of rest) {
		const chunk = [arc & 0x7f];
		for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return der(0x06, Buffer.from(bytes));
}

const integer = (bytes: Buffer): Buffer =>
	der(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);

/** A random positive serial whose first byte is never 0: DER refuses a leading zero byte before one below 0x80 ("illegal padding"). */
const serialNumber = (): Buffer => {
	const bytes = randomBytes(16);
	bytes[0] = (bytes[0] & 0x7f) | 0x01;
	return bytes;
};

function time(date: Date): Buffer {
	const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
	// UTCTime until 2049, GeneralizedTime after (RFC 5280 section 4.1.2.5).
	return date.getUTCFullYear() < 2050
		? der(0x17, Buffer.from(`${iso.slice(2)}Z`))
		: der(0x18, Buffer.from(`${iso}Z`));
}

const commonName = (name: string): Buffer =>
	sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(name)))));

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export interface CertificateOptions {
	commonName?: string;
	notBefore?: Date;
	notAfter?: Date;
	/** Sign with this key pair instead of a new one. */
	keyPair?: { privateKey: KeyObject; publicKey: KeyObject };
}

export interface CertificatePair {
	certificatePem: string;
	/** PKCS#8, unencrypted. */
	privateKeyPem: string;
	privateKey: KeyObject;
	/** SHA-1 thumbprint, upper-case hex, as the Entra portal shows it. */
	thumbprint: string;
}

const DAY_MS = 86_400_000;

export function createSelfSignedCertificate(options: CertificateOptions = {}): CertificatePair {
	const { privateKey, publicKey } =
		options.keyPair ?? generateKeyPairSync('rsa', { modulusLength: 2048 });
	const now = Date.now();
	const name = commonName(options.commonName ?? 'n8n Defender automation');
	const tbs = sequence(
		der(0xa0, integer(Buffer.from([2]))),
		integer(serialNumber()),
		SHA256_WITH_RSA,
		name,
		sequence(
			time(options.notBefore ?? new Date(now - DAY_MS)),
			time(options.notAfter ?? new Date(now + 365 * DAY_MS)),
		),
		name,
		publicKey.export({ type: 'spki', format: 'der' }),
	);
	const signature = sign('sha256', tbs, privateKey);
	const certificate = sequence(
		tbs,
		SHA256_WITH_RSA,
		der(0x03, Buffer.concat([Buffer.from([0]), signature])),
	);
	const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
	const certificatePem = `-----BEGIN CERTIFICATE-----\n${base64.trim()}\n-----END CERTIFICATE-----\n`;
	return {
		certificatePem,
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		privateKey,
		thumbprint: new X509Certificate(certificatePem).fingerprint.replace(/:/g, ''),
	};
}
