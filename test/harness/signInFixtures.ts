import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	DEFAULT_APP,
	FEDERATED_AUDIENCE,
	createSelfSignedCertificate,
	startDefenderSimulator,
} from '../../simulator/server';
import type { CertificatePair, DefenderSimulator, SimulatedApp } from '../../simulator/server';

/** A Kubernetes-style workload identity: the issuer and subject the app's federated credential trusts. */
export const WORKLOAD = {
	issuer: 'https://oidc.cluster.example/11111111-2222-3333-4444-555555555555/',
	subject: 'system:serviceaccount:automation:n8n',
};

export interface SignInWorld {
	simulator: DefenderSimulator;
	/** The certificate registered on the app, with its key. */
	registered: CertificatePair;
	/** The key the cluster's issuer signs service-account tokens with. */
	issuerKey: KeyObject;
	folder: string;
}

/** A simulator whose app has a registered certificate and a federated credential. */
export async function startSignInWorld(): Promise<SignInWorld> {
	const registered = createSelfSignedCertificate();
	const { privateKey: issuerKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const app: SimulatedApp = {
		...DEFAULT_APP,
		roles: [...DEFAULT_APP.roles],
		certificates: [registered.certificatePem],
		federatedCredentials: [
			{ ...WORKLOAD, issuerKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
		],
	};
	const simulator = await startDefenderSimulator({ apps: [app] });
	const folder = mkdtempSync(join(tmpdir(), 'defender-federated-'));
	return { simulator, registered, issuerKey, folder };
}

/** The certificate/federated credential pointed at the simulator (custom environment). */
export function assertionCredential(
	world: SignInWorld,
	fields: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		apiUrl: world.simulator.url,
		tokenUrl: world.simulator.tokenUrl(),
		applicationId: DEFAULT_APP.clientId,
		signIn: 'certificate',
		certificate: world.registered.certificatePem,
		privateKey: world.registered.privateKeyPem,
		...fields,
	};
}

/** A projected service-account token, as the cluster writes it: RS256, for Entra's exchange audience. */
export function federatedToken(world: SignInWorld, claims: Record<string, unknown> = {}): string {
	const now = Math.floor(Date.now() / 1000);
	const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'cluster' })).toString(
		'base64url',
	);
	const payload = Buffer.from(
		JSON.stringify({
			iss: WORKLOAD.issuer,
			sub: WORKLOAD.subject,
			aud: [FEDERATED_AUDIENCE],
			iat: now,
			nbf: now,
			exp: now + 3600,
			jti: randomUUID(),
			...claims,
		}),
	).toString('base64url');
	const signature = sign('sha256', Buffer.from(`${header}.${payload}`), world.issuerKey);
	return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** Writes the token file the platform would mount, returning its path. */
export function writeTokenFile(world: SignInWorld, token: string, name = 'token'): string {
	const path = join(world.folder, name);
	writeFileSync(path, `${token}\n`);
	return path;
}

/** The token requests the simulator received, as forms. */
export const tokenForms = (simulator: DefenderSimulator): URLSearchParams[] =>
	simulator.requests
		.filter((request) => request.path.endsWith('/oauth2/v2.0/token'))
		.map((request) => new URLSearchParams(request.body));

/** A JWT's header and claims, decoded (tests only). */
export function decodeJwt(token: string): {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
} {
	const [header, claims] = token.split('.');
	return {
		header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
		claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
	};
}
