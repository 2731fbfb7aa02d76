import { X509Certificate, createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { join } from 'node:path';

import { DEFAULT_APP, createSelfSignedCertificate } from '../../simulator/server';
import {
	CREDENTIAL_ID,
	DEFENDER_NODE_TYPE,
	XDR_NODE_TYPE,
	createCredentialStore,
	createTrigger,
	runDefenderNode,
} from '../harness/engine';
import type { NodeRunResult } from '../harness/engine';
import type { InMemoryCredentialsHelper } from '../harness/credentialsHelper';
import {
	assertionCredential,
	decodeJwt,
	federatedToken,
	startSignInWorld,
	tokenForms,
	writeTokenFile,
} from '../harness/signInFixtures';
import type { SignInWorld } from '../harness/signInFixtures';

let world: SignInWorld;
beforeEach(async () => {
	world = await startSignInWorld();
});
afterEach(async () => await world.simulator.close());

const DEFENDER_ASSERTION = 'microsoftDefenderEndpointAssertionApi';
const XDR_ASSERTION = 'microsoftDefenderXdrAssertionApi';

/** Device Action → Get through the Defender node signed in with the certificate/federated credential. */
const getAction = async (
	w: SignInWorld,
	credentials: InMemoryCredentialsHelper,
	items: IDataObject[] = [{}],
): Promise<NodeRunResult> => {
	const action = [...w.simulator.actions.values()][0] ?? w.simulator.seed(1)[0];
	return await runDefenderNode({
		credential: {},
		credentials,
		items,
		parameters: {},
		node: {
			type: DEFENDER_NODE_TYPE,
			typeVersion: 1.2,
			parameters: {
				authentication: 'clientAssertion',
				resource: 'machineAction',
				operation: 'get',
				machineActionId: action.id,
			},
			credentialType: DEFENDER_ASSERTION,
		},
	});
};

const store = (fields: ICredentialDataDecryptedObject = {}) =>
	createCredentialStore(assertionCredential(world, fields));

describe('Certificate sign-in (Defender node)', () => {
	it('signs an RFC 7523 assertion with the certificate, sends no secret, and reuses the token', async () => {
		const credentials = store();

		const first = await getAction(world, credentials);
		const second = await getAction(world, credentials);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const forms = tokenForms(world.simulator);
		expect(forms).toHaveLength(1);
		const form = forms[0];
		expect(form.get('grant_type')).toBe('client_credentials');
		expect(form.get('client_id')).toBe(DEFAULT_APP.clientId);
		expect(form.get('client_secret')).toBeNull();
		expect(form.get('client_assertion_type')).toBe(
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		);
		expect(form.get('scope')).toBe('https://api.securitycenter.microsoft.com/.default');
		const { header, claims } = decodeJwt(form.get('client_assertion') ?? '');
		const der = new X509Certificate(world.registered.certificatePem).raw;
		expect(header).toEqual({
			alg: 'RS256',
			typ: 'JWT',
			x5t: createHash('sha1').update(der).digest('base64url'),
		});
		expect(claims).toMatchObject({
			aud: world.simulator.tokenUrl(),
			iss: DEFAULT_APP.clientId,
			sub: DEFAULT_APP.clientId,
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(Number(claims.exp) - Number(claims.nbf)).toBe(300);
		expect(world.simulator.apiRequests().map((request) => request.headers.authorization)).toEqual([
			`Bearer ${world.simulator.issuedAccessTokens[0]}`,
			`Bearer ${world.simulator.issuedAccessTokens[0]}`,
		]);
		// n8n stored the token with the credential, as it does for any expirable field.
		expect(credentials.stored.get(CREDENTIAL_ID)?.accessToken).toBe(
			world.simulator.issuedAccessTokens[0],
		);
	});

	it('fetches one token for many items, and renews it once on a 401', async () => {
		const credentials = store({ thumbprintHeader: 'x5t#S256' });
		const many = await getAction(world, credentials, [{}, {}, {}, {}]);
		world.simulator.expireTokens();
		const renewed = await getAction(world, credentials);

		expect(many.error).toBeUndefined();
		expect(many.items).toHaveLength(4);
		expect(renewed.error).toBeUndefined();
		const forms = tokenForms(world.simulator);
		expect(forms).toHaveLength(2);
		const der = new X509Certificate(world.registered.certificatePem).raw;
		expect(decodeJwt(forms[0].get('client_assertion') ?? '').header).toEqual({
			alg: 'RS256',
			typ: 'JWT',
			'x5t#S256': createHash('sha256').update(der).digest('base64url'),
		});
		// A fresh assertion for each token request.
		expect(decodeJwt(forms[1].get('client_assertion') ?? '').claims.jti).not.toBe(
			decodeJwt(forms[0].get('client_assertion') ?? '').claims.jti,
		);
		expect(world.simulator.apiRequests().map((request) => request.status)).toEqual([
			200, 200, 200, 200, 401, 200,
		]);
	});

	it('signs the XDR node in to Microsoft Graph with the Graph credential', async () => {
		const [incident] = world.simulator.graph.seedIncidents(1);
		const credentials = store();

		const { items, error } = await runDefenderNode({
			credential: {},
			credentials,
			parameters: {},
			node: {
				type: XDR_NODE_TYPE,
				typeVersion: 1,
				parameters: {
					authentication: 'clientAssertion',
					resource: 'incident',
					operation: 'get',
					incidentId: incident.id,
				},
				credentialType: XDR_ASSERTION,
			},
		});

		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(incident.id);
		expect(tokenForms(world.simulator).map((form) => form.get('scope'))).toEqual([
			'https://graph.microsoft.com/.default',
		]);
		expect(world.simulator.graphRequests().map((request) => request.status)).toEqual([200]);
	});

	const runtimeCases: Array<[string, () => ICredentialDataDecryptedObject, () => string]> = [
		[
			'a key that does not belong to the certificate',
			() => ({ privateKey: createSelfSignedCertificate().privateKeyPem }),
			() =>
				`The private key does not belong to certificate ${world.registered.thumbprint}: use the key the certificate was made with`,
		],
		[
			'no private key',
			() => ({ privateKey: '' }),
			() => `No private key was given for certificate ${world.registered.thumbprint}`,
		],
		[
			'an expired certificate',
			() => {
				const expired = createSelfSignedCertificate({
					notBefore: new Date(Date.now() - 30 * 86_400_000),
					notAfter: new Date(Date.now() - 86_400_000),
				});
				return { certificate: expired.certificatePem, privateKey: expired.privateKeyPem };
			},
			() => 'expired on',
		],
		[
			'a missing token file',
			() => ({ signIn: 'federatedTokenFile', tokenFilePath: join(world.folder, 'gone') }),
			() =>
				`The federated token file ${JSON.stringify(join(world.folder, 'gone'))} could not be read: it does not exist`,
		],
		[
			'a wrong tenant',
			() => ({ tokenUrl: world.simulator.tokenUrl('contoso.onmicrosoft.com') }),
			() => "AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.",
		],
	];

	it.each(runtimeCases)(
		'stops at run time on %s, with a clear message and nothing sent to the API',
		async (_name, fields, expected) => {
			const credential = assertionCredential(world, fields());
			const { error, items } = await getAction(world, createCredentialStore(credential));

			expect(items).toEqual([]);
			expect(error?.message).toContain('Could not get an access token from Entra ID: ');
			expect(error?.message).toContain(expected());
			// No line of the key, nor the assertion, in what the user sees.
			for (const secret of world.registered.privateKeyPem.split('\n').slice(1, -2)) {
				expect(JSON.stringify(error)).not.toContain(secret);
			}
			expect(world.simulator.apiRequests()).toEqual([]);
		},
	);
});

describe('Federated token file sign-in', () => {
	it('reads the token file at each token request: a rotated file is what the next token request sends', async () => {
		const first = federatedToken(world);
		const path = writeTokenFile(world, first);
		const credentials = store({ signIn: 'federatedTokenFile', tokenFilePath: path });

		const before = await getAction(world, credentials);
		// The platform rotates the file; the token n8n stored stays in use until it expires.
		const rotated = federatedToken(world);
		writeTokenFile(world, rotated);
		const reused = await getAction(world, credentials);
		world.simulator.expireTokens();
		const after = await getAction(world, credentials);

		expect([before.error, reused.error, after.error]).toEqual([undefined, undefined, undefined]);
		expect(tokenForms(world.simulator).map((form) => form.get('client_assertion'))).toEqual([
			first,
			rotated,
		]);
		expect(tokenForms(world.simulator)[0].get('client_assertion_type')).toBe(
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		);
		expect(world.simulator.apiRequests().map((request) => request.status)).toEqual([
			200, 200, 401, 200,
		]);
	});

	it("signs the XDR node in with the token file, and gives Entra's answer for an unknown issuer", async () => {
		world.simulator.graph.seedIncidents(1);
		const good = writeTokenFile(world, federatedToken(world), 'good');
		const foreign = writeTokenFile(
			world,
			federatedToken(world, { iss: 'https://token.actions.githubusercontent.com' }),
			'foreign',
		);
		const run = async (tokenFilePath: string) =>
			await runDefenderNode({
				credential: {},
				credentials: store({ signIn: 'federatedTokenFile', tokenFilePath }),
				parameters: {},
				node: {
					type: XDR_NODE_TYPE,
					typeVersion: 1,
					parameters: {
						authentication: 'clientAssertion',
						resource: 'incident',
						operation: 'getAll',
					},
					credentialType: XDR_ASSERTION,
				},
			});

		const accepted = await run(good);
		const refused = await run(foreign);

		expect(accepted.error).toBeUndefined();
		expect(accepted.items.length).toBeGreaterThan(0);
		expect(refused.error?.message).toBe(
			"Could not get an access token from Entra ID: Entra ID refused the sign-in: AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. (invalid_client). Fix: the federated credential's Issuer must be the token's issuer (Certificates & secrets → Federated credentials).",
		);
		expect(world.simulator.graphRequests()).toHaveLength(1);
	});
});

describe('Triggers signed in with a certificate', () => {
	it('polls Defender alerts and Graph incidents with the certificate credentials', async () => {
		const alerts = createTrigger({
			parameters: { authentication: 'clientAssertion', event: 'newAlert' },
			credential: assertionCredential(world),
			credentialType: DEFENDER_ASSERTION,
		});
		const incidents = createTrigger({
			parameters: { authentication: 'clientAssertion', event: 'newIncident' },
			credential: assertionCredential(world),
			credentialType: XDR_ASSERTION,
			xdr: true,
		});

		expect(await alerts.poll()).toBeNull();
		expect(await incidents.poll()).toBeNull();
		expect(tokenForms(world.simulator).map((form) => form.get('client_assertion_type'))).toEqual([
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		]);
		expect(
			world.simulator.requests
				.filter((request) => !request.path.endsWith('/token'))
				.map((request) => `${request.path} ${request.status}`),
		).toEqual(['/api/alerts 200', '/v1.0/security/incidents 200']);
	});
});
