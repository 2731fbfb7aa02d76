// Certificate and federated-token sign-in in real n8n: its CredentialsHelper runs the credential's
// preAuthentication, stores the token in its database between executions, renews it on a 401, and
// tests the credential on Save. `N8N_E2E_VERSIONS=2.40.7 node --test e2e/certificate.e2e.test.mjs`.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';
import { N8nRest } from './support/n8nRest.mjs';
import { PACKAGE_NAME } from './support/packedPackage.mjs';
import { chain, node } from './support/workflows.mjs';

const { DEFAULT_APP, FEDERATED_AUDIENCE, createSelfSignedCertificate, startDefenderSimulator } =
	simulatorModule;
const DEFENDER_TYPE = 'microsoftDefenderEndpointAssertionApi';
const XDR_TYPE = 'microsoftDefenderXdrAssertionApi';
const WORKLOAD = {
	issuer: 'https://oidc.cluster.example/e2e/',
	subject: 'system:serviceaccount:automation:n8n',
};
const CREDENTIALS = {
	certificate: { id: 'defenderCertificate', name: 'Defender certificate' },
	federated: { id: 'defenderFederated', name: 'Defender federated token' },
	graph: { id: 'xdrCertificate', name: 'XDR certificate' },
};

const manual = () => node('Manual', 'n8n-nodes-base.manualTrigger', 1, {});
const signedIn = (type, credentialType, credential, parameters) =>
	node(
		'Signed in',
		`${PACKAGE_NAME}.${type}`,
		1,
		{ authentication: 'clientAssertion', ...parameters },
		{
			credentials: { [credentialType]: credential },
		},
	);
const tokenForms = (simulator) =>
	simulator.requests
		.filter((request) => request.path.endsWith('/oauth2/v2.0/token'))
		.map((request) => new URLSearchParams(request.body));

for (const version of VERSIONS) {
	describe(
		`n8n ${version}: certificate and federated-token sign-in`,
		{ timeout: 20 * 60_000 },
		() => {
			let n8n;
			let simulator;
			let registered;
			let issuerKey;
			let tokenFile;
			let action;
			let incident;

			const federatedToken = () => {
				const now = Math.floor(Date.now() / 1000);
				const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
				const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
					iss: WORKLOAD.issuer,
					sub: WORKLOAD.subject,
					aud: [FEDERATED_AUDIENCE],
					nbf: now,
					exp: now + 3600,
					jti: randomUUID(),
				})}`;
				return `${input}.${sign('sha256', Buffer.from(input), issuerKey).toString('base64url')}`;
			};
			const settings = (fields = {}) => ({
				environment: 'custom',
				apiUrl: simulator.url,
				tokenUrl: simulator.tokenUrl(),
				applicationId: DEFAULT_APP.clientId,
				signIn: 'certificate',
				certificate: registered.certificatePem,
				privateKey: registered.privateKeyPem,
				...fields,
			});

			before(async () => {
				registered = createSelfSignedCertificate();
				const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });
				issuerKey = issuer.privateKey;
				simulator = await startDefenderSimulator({
					rateLimit: false,
					apps: [
						{
							...DEFAULT_APP,
							certificates: [registered.certificatePem],
							federatedCredentials: [
								{
									...WORKLOAD,
									issuerKeyPem: issuer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
								},
							],
						},
					],
				});
				simulator.seedMachines(2);
				[action] = simulator.seed(1);
				[incident] = simulator.graph.seedIncidents(1);
				tokenFile = join(mkdtempSync(join(tmpdir(), 'n8n-e2e-federated-')), 'token');
				writeFileSync(tokenFile, federatedToken());
				n8n = new N8nInstance(await ensureN8n(version), { port: await freePort() });
				await n8n.importJson('credentials', [
					{ ...CREDENTIALS.certificate, type: DEFENDER_TYPE, data: settings() },
					{
						...CREDENTIALS.federated,
						type: DEFENDER_TYPE,
						data: settings({ signIn: 'federatedTokenFile', tokenFilePath: tokenFile }),
					},
					{ ...CREDENTIALS.graph, type: XDR_TYPE, data: settings() },
				]);
				const getAction = (credential) =>
					signedIn('microsoftDefenderEndpoint', DEFENDER_TYPE, credential, {
						resource: 'machineAction',
						operation: 'get',
						machineActionId: action.id,
					});
				await n8n.importJson('workflow', [
					chain('wfCertificate', 'Certificate', [manual(), getAction(CREDENTIALS.certificate)]),
					chain('wfFederated', 'Federated token file', [
						manual(),
						getAction(CREDENTIALS.federated),
					]),
					chain('wfGraph', 'Graph with a certificate', [
						manual(),
						signedIn('microsoftDefenderXdr', XDR_TYPE, CREDENTIALS.graph, {
							resource: 'incident',
							operation: 'get',
							incidentId: incident.id,
						}),
					]),
				]);
			});

			after(async () => {
				await n8n?.stop();
				await simulator?.close();
			});

			const output = (result) =>
				result.runData['Signed in'][0].data.main[0].map((item) => item.json);

			it('signs in with the certificate, and the next execution reuses the token n8n stored', async () => {
				simulator.requests.length = 0;
				const first = await n8n.execute('wfCertificate');
				const second = await n8n.execute('wfCertificate');

				assert.equal(output(first)[0].id, action.id);
				assert.equal(output(second)[0].id, action.id);
				const forms = tokenForms(simulator);
				assert.equal(forms.length, 1);
				assert.equal(forms[0].get('client_secret'), null);
				assert.equal(
					forms[0].get('client_assertion_type'),
					'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				);
			});

			it('reads the rotated token file when n8n renews the token after a 401', async () => {
				simulator.requests.length = 0;
				const before = await n8n.execute('wfFederated');
				const rotated = federatedToken();
				writeFileSync(tokenFile, rotated);
				simulator.expireTokens();
				const after = await n8n.execute('wfFederated');

				assert.equal(output(before)[0].id, action.id);
				assert.equal(output(after)[0].id, action.id);
				const assertions = tokenForms(simulator).map((form) => form.get('client_assertion'));
				assert.equal(assertions.length, 2);
				assert.equal(assertions[1], rotated);
				assert.deepEqual(
					simulator.apiRequests().map((request) => request.status),
					[200, 401, 200],
				);
			});

			it('signs the XDR node in to Graph with its certificate credential', async () => {
				const result = await n8n.execute('wfGraph');
				assert.equal(output(result)[0].id, incident.id);
			});

			it('tests the credential on Save: accepted, and a key of another certificate named', async () => {
				await n8n.start();
				const rest = await N8nRest.owner(n8n.baseUrl);

				const good = await rest.saveAndTestCredential(DEFENDER_TYPE, settings());
				const wrongKey = await rest.saveAndTestCredential(
					DEFENDER_TYPE,
					settings({ privateKey: createSelfSignedCertificate().privateKeyPem }),
				);

				assert.equal(good.status, 'OK');
				assert.equal(wrongKey.status, 'Error');
				// n8n 2.40 and 1.123 show the credential's own message.
				assert.equal(
					wrongKey.message,
					`The private key does not belong to certificate ${registered.thumbprint}: use the key the certificate was made with`,
				);
			});
		},
	);
}
