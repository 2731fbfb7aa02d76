import { X509Certificate, createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEFAULT_APP, createSelfSignedCertificate } from '../../simulator/server';
import {
	CREDENTIAL_ID,
	DEFENDER_NODE_TYPE,
	XDR_NODE_TYPE,
	createCredentialStore,
	runDefenderNode,
} from '../harness/engine';
import type { NodeRunResult } from '../harness/engine';
import type { InMemoryCredentialsHelper } from '../harness/credentialsHelper';
import {
	assertionCredential,
	decodeJwt,
	startSignInWorld,
	tokenForms,
} from '../harness/signInFixtures';
import type { SignInWorld } from '../harness/signInFixtures';

let world: SignInWorld;
beforeEach(async () => {
	world = await startSignInWorld();
});
afterEach(async () => await world.simulator.close());

export const DEFENDER_ASSERTION = 'microsoftDefenderEndpointAssertionApi';
export const XDR_ASSERTION = 'microsoftDefenderXdrAssertionApi';

/** Device Action → Get through the Defender node signed in with the certificate/federated credential. */
export const getAction = async (
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
});
