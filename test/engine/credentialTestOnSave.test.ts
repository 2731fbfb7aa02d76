import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

import { MicrosoftDefenderEndpointAssertionApi } from '../../credentials/MicrosoftDefenderEndpointAssertionApi.credentials';
import { MicrosoftDefenderXdrAssertionApi } from '../../credentials/MicrosoftDefenderXdrAssertionApi.credentials';
import { DEFAULT_APP, createSelfSignedCertificate } from '../../simulator/server';
import { testCredentialOnSave } from '../harness/credentialTest';
import {
	assertionCredential,
	federatedToken,
	startSignInWorld,
	writeTokenFile,
} from '../harness/signInFixtures';
import type { SignInWorld } from '../harness/signInFixtures';

let world: SignInWorld;
beforeEach(async () => {
	world = await startSignInWorld();
	world.simulator.addMachine();
});
afterEach(async () => await world.simulator.close());

const defender = new MicrosoftDefenderEndpointAssertionApi();
const DAY_MS = 86_400_000;

describe('Certificate or federated credential: the test on Save', () => {
	it('passes with the registered certificate and its key, on the Defender and the Graph credential', async () => {
		world.simulator.graph.seedIncidents(1);
		const defenderResult = await testCredentialOnSave(defender, assertionCredential(world));
		const graphResult = await testCredentialOnSave(
			new MicrosoftDefenderXdrAssertionApi(),
			assertionCredential(world),
		);

		expect(defenderResult.message).toBe('Connection successful!');
		expect(graphResult.message).toBe('Connection successful!');
		expect(world.simulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /${DEFAULT_APP.tenantId}/oauth2/v2.0/token`,
			'GET /api/machines',
			`POST /${DEFAULT_APP.tenantId}/oauth2/v2.0/token`,
			'GET /v1.0/security/incidents',
		]);
	});

	it('passes with an encrypted key and its passphrase, and a federated token file', async () => {
		const encrypted = world.registered.privateKey
			.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
			.toString();
		const withPassphrase = await testCredentialOnSave(
			defender,
			assertionCredential(world, { privateKey: encrypted, passphrase: 'open sesame' }),
		);
		const federated = await testCredentialOnSave(
			defender,
			assertionCredential(world, {
				signIn: 'federatedTokenFile',
				tokenFilePath: writeTokenFile(world, federatedToken(world)),
			}),
		);

		expect(withPassphrase.message).toBe('Connection successful!');
		expect(federated.message).toBe('Connection successful!');
	});

	const otherKey = () => createSelfSignedCertificate().privateKeyPem;
	const cases: Array<[string, () => Record<string, string>, (w: SignInWorld) => string]> = [
		[
			'a key that does not belong to the certificate',
			() => ({ privateKey: otherKey() }),
			(w) =>
				`The private key does not belong to certificate ${w.registered.thumbprint}: use the key the certificate was made with`,
		],
		[
			'a PEM with no private key',
			() => ({ privateKey: '' }),
			(w) =>
				`No private key was given for certificate ${w.registered.thumbprint}: paste the PEM private key (-----BEGIN PRIVATE KEY-----) into Private Key; a certificate alone cannot sign in`,
		],
		[
			'an encrypted key with a wrong passphrase',
			() => ({
				privateKey: world.registered.privateKey
					.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right' })
					.toString(),
				passphrase: 'wrong',
			}),
			(w) =>
				`The private key for certificate ${w.registered.thumbprint} could not be decrypted: check the Private Key Passphrase`,
		],
		[
			'an unreadable token file',
			() => ({ signIn: 'federatedTokenFile', tokenFilePath: join(world.folder, 'missing') }),
			(w) =>
				`The federated token file ${JSON.stringify(join(w.folder, 'missing'))} could not be read: it does not exist. Check Token File Path and that the file is mounted into n8n's container`,
		],
	];

	it.each(cases)('names %s, and sends nothing', async (_name, fields, message) => {
		const result = await testCredentialOnSave(defender, assertionCredential(world, fields()));

		expect(result.message).toBe(`${message(world)}`);
		expect(world.simulator.requests).toEqual([]);
	});

	it('names an expired certificate, and sends nothing', async () => {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const expired = createSelfSignedCertificate({
			keyPair: { privateKey, publicKey },
			notBefore: new Date(Date.now() - 400 * DAY_MS),
			notAfter: new Date(Date.now() - 2 * DAY_MS),
		});
		const result = await testCredentialOnSave(
			defender,
			assertionCredential(world, {
				certificate: expired.certificatePem,
				privateKey: expired.privateKeyPem,
			}),
		);

		const day = new Date(Date.now() - 2 * DAY_MS).toISOString().slice(0, 10);
		expect(result.message).toBe(
			`Certificate ${expired.thumbprint} expired on ${day}: create a new one, upload it to the app registration (Certificates & secrets) and paste it here with its key`,
		);
		expect(world.simulator.requests).toEqual([]);
	});

	it("gives Entra's answer for a certificate not registered on the app, and says it expires soon", async () => {
		const soon = createSelfSignedCertificate({ notAfter: new Date(Date.now() + 10.5 * DAY_MS) });
		const result = await testCredentialOnSave(
			defender,
			assertionCredential(world, {
				certificate: soon.certificatePem,
				privateKey: soon.privateKeyPem,
			}),
		);

		expect(result.message).toBe(
			`Entra ID refused the sign-in: AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${soon.thumbprint}'] (invalid_client). Fix: upload this certificate's public part (.cer or .pem) to the app registration under Certificates & secrets. Certificate ${soon.thumbprint} expires in 10 days: renew it.`,
		);
		expect(result.message).not.toContain('PRIVATE KEY');
		expect(world.simulator.apiRequests()).toEqual([]);
	});

	it("gives Entra's answer for a wrong tenant and for a federated token whose subject has no record", async () => {
		const wrongTenant = await testCredentialOnSave(
			defender,
			assertionCredential(world, {
				tokenUrl: world.simulator.tokenUrl('99999999-2222-3333-4444-555555555555'),
			}),
		);
		const wrongSubject = await testCredentialOnSave(
			defender,
			assertionCredential(world, {
				signIn: 'federatedTokenFile',
				tokenFilePath: writeTokenFile(
					world,
					federatedToken(world, { sub: 'system:serviceaccount:default:other' }),
				),
			}),
		);

		expect(wrongTenant.message).toBe(
			`Entra ID refused the sign-in: AADSTS90002: Tenant '99999999-2222-3333-4444-555555555555' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. (invalid_request). Fix: use the Directory (tenant) ID on the app registration's Overview page.`,
		);
		expect(wrongSubject.message).toBe(
			`Entra ID refused the sign-in: AADSTS700213: No matching federated identity record found for presented assertion subject 'system:serviceaccount:default:other'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. (invalid_client). Fix: the federated credential's Subject must be the token's subject, such as system:serviceaccount:<namespace>:<service account>.`,
		);
		expect(world.simulator.apiRequests()).toEqual([]);
	});
});
