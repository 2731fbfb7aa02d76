// The certificate `npm start` registers on the simulator's demo app, so the certificate credential it
// imports signs in. Kept in a folder between starts (a credential saved with it keeps working), made
// anew when the folder has none, or when the kept one expires within a day.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import simulatorModule from '../dist/simulator/server.js';

const { createSelfSignedCertificate } = simulatorModule;
const DAY_MS = 86_400_000;

const thumbprintOf = (certificatePem) =>
	new X509Certificate(certificatePem).fingerprint.replace(/:/g, '');

/**
 * `{ certificatePem, privateKeyPem, thumbprint, certificateFile, privateKeyFile, made }`: read from
 * `folder` (certificate.pem, private-key.pem) when a start left a valid pair there, else made and
 * written there; without a folder, made in memory only (the files are then undefined).
 */
export function demoCertificate(folder) {
	if (!folder) {
		const pair = createSelfSignedCertificate({ commonName: 'n8n Defender demo' });
		return { ...pair, made: true };
	}
	const certificateFile = join(folder, 'certificate.pem');
	const privateKeyFile = join(folder, 'private-key.pem');
	if (existsSync(certificateFile) && existsSync(privateKeyFile)) {
		const certificatePem = readFileSync(certificateFile, 'utf8');
		const validTo = Date.parse(new X509Certificate(certificatePem).validTo);
		if (validTo > Date.now() + DAY_MS) {
			return {
				certificatePem,
				privateKeyPem: readFileSync(privateKeyFile, 'utf8'),
				thumbprint: thumbprintOf(certificatePem),
				certificateFile,
				privateKeyFile,
				made: false,
			};
		}
	}
	const pair = createSelfSignedCertificate({ commonName: 'n8n Defender demo' });
	mkdirSync(folder, { recursive: true });
	writeFileSync(privateKeyFile, pair.privateKeyPem, { mode: 0o600 });
	writeFileSync(certificateFile, pair.certificatePem);
	return {
		certificatePem: pair.certificatePem,
		privateKeyPem: pair.privateKeyPem,
		thumbprint: pair.thumbprint,
		certificateFile,
		privateKeyFile,
		made: true,
	};
}
