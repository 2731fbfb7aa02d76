import { sign } from 'node:crypto';

import { readSigningCertificate, signClientAssertion } from '../../credentials/clientAssertion';
import { DEFAULT_APP, createSelfSignedCertificate } from '../../simulator/server';
import { startSignInWorld } from '../harness/signInFixtures';
import type { SignInWorld } from '../harness/signInFixtures';

let world: SignInWorld;
beforeEach(async () => {
	world = await startSignInWorld();
});
afterEach(async () => await world.simulator.close());

const requestToken = async (assertion: string, clientId = DEFAULT_APP.clientId) => {
	const response = await fetch(world.simulator.tokenUrl(), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			scope: 'https://api.securitycenter.microsoft.com/.default',
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
		}).toString(),
	});
	const body = (await response.json()) as { error_description?: string; access_token?: string };
	return { status: response.status, text: body.error_description ?? 'token', body };
};

/** An assertion with the registered certificate's header and the claims given, signed by `key`. */
const forge = (claims: Record<string, unknown>, key = world.registered.privateKey) => {
	const valid = signClientAssertion(
		readSigningCertificate(world.registered.certificatePem, world.registered.privateKeyPem, ''),
		{ clientId: DEFAULT_APP.clientId, audience: world.simulator.tokenUrl() },
	);
	const [header, payload] = valid.split('.');
	const merged = Buffer.from(
		JSON.stringify({
			...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
			...claims,
		}),
	).toString('base64url');
	const signature = sign('sha256', Buffer.from(`${header}.${merged}`), key).toString('base64url');
	return `${header}.${merged}.${signature}`;
};

describe("Simulator's token endpoint: client assertions as Entra checks them", () => {
	it('issues a token for a well-formed assertion signed by the registered certificate', async () => {
		const { status, body } = await requestToken(forge({}));
		expect(status).toBe(200);
		expect(body.access_token).toMatch(/^sim-/);
	});

	const now = () => Math.floor(Date.now() / 1000);
	it.each([
		[
			'another key behind the registered thumbprint',
			() => forge({}, createSelfSignedCertificate().privateKey),
			401,
			/^AADSTS700027: Client assertion contains an invalid signature\. \[Reason - The provided signature value did not match the expected signature value\./,
		],
		[
			'an audience other than the token endpoint',
			() => forge({ aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }),
			401,
			/^AADSTS700023: Client assertion audience claim does not match Realm issuer\.$/,
		],
		[
			'an issuer other than the client ID',
			() => forge({ iss: 'someone-else' }),
			401,
			/^AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter\.$/,
		],
		[
			'an expired assertion',
			() => forge({ nbf: now() - 1200, exp: now() - 600 }),
			400,
			/^AADSTS700024: Client assertion is not within its valid time range\. Current time: .+, assertion valid from .+, expiry time of assertion .+\.$/,
		],
		[
			'no jti',
			() => forge({ jti: undefined }),
			400,
			/^AADSTS50027: JWT token is invalid or malformed\.$/,
		],
		[
			'a malformed JWT',
			() => 'not-a-jwt',
			400,
			/^AADSTS50027: JWT token is invalid or malformed\.$/,
		],
	])('refuses %s', async (_name, assertion, status, text) => {
		const answer = await requestToken(assertion());
		expect(answer.status).toBe(status);
		expect(answer.text).toMatch(text);
		expect(world.simulator.issuedAccessTokens).toEqual([]);
	});
});
