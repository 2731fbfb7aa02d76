import { DEFENDER_CLOUDS } from '../../credentials/defenderClouds';
import { DEFAULT_APP, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import {
	CREDENTIAL_ID,
	createCredentialStore,
	runDefenderNode,
	simulatorCredential,
} from '../harness/engine';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
});
afterEach(async () => await simulator.close());

const resolveStoredCredential = async (data: Record<string, string>) => {
	const store = createCredentialStore(data);
	return await store.getDecrypted(
		{} as never,
		{ id: CREDENTIAL_ID, name: 'Defender' },
		'microsoftDefenderEndpointOAuth2Api',
		'manual',
	);
};

describe('OAuth2 client credentials', () => {
	it('gets a token with the client credentials grant once and reuses it for later executions', async () => {
		const actions = simulator.seed(2);
		const credentials = createCredentialStore(simulatorCredential(simulator));

		for (const action of actions) {
			const { error } = await runDefenderNode({
				parameters: { operation: 'get', machineActionId: action.id },
				credential: simulatorCredential(simulator),
				credentials,
			});
			expect(error).toBeUndefined();
		}

		const tokenRequests = simulator.requests.filter((request) =>
			request.path.endsWith('/oauth2/v2.0/token'),
		);
		expect(tokenRequests).toHaveLength(1);
		const form = new URLSearchParams(tokenRequests[0].body);
		expect(form.get('grant_type')).toBe('client_credentials');
		expect(form.get('client_id')).toBe(DEFAULT_APP.clientId);
		expect(form.get('scope')).toBe(DEFENDER_CLOUDS[0].scope);
		expect(credentials.tokenUpdates).toBe(1);
		expect(simulator.apiRequests().map((request) => request.headers.authorization)).toEqual([
			`Bearer ${simulator.issuedAccessTokens[0]}`,
			`Bearer ${simulator.issuedAccessTokens[0]}`,
		]);
	});

	it('lets a 401 reach n8n, which renews the token, and the request is sent again', async () => {
		const [action] = simulator.seed(1);
		const credentials = createCredentialStore(simulatorCredential(simulator));
		await runDefenderNode({
			parameters: { operation: 'get', machineActionId: action.id },
			credential: {},
			credentials,
		});
		simulator.expireTokens();

		const { items, error } = await runDefenderNode({
			parameters: { operation: 'cancel', machineActionId: action.id, comment: 'token renewed' },
			credential: {},
			credentials,
		});

		expect(error).toBeUndefined();
		expect(
			simulator.requests.map(
				(request) =>
					`${request.method} ${request.path.replace(action.id, '{id}')} ${request.status}`,
			),
		).toEqual([
			`POST /${DEFAULT_APP.tenantId}/oauth2/v2.0/token 200`,
			'GET /api/machineactions/{id} 200',
			'POST /api/machineactions/{id}/cancel 401',
			`POST /${DEFAULT_APP.tenantId}/oauth2/v2.0/token 200`,
			'POST /api/machineactions/{id}/cancel 200',
		]);
		expect(simulator.apiRequests()[2].headers.authorization).toBe(
			`Bearer ${simulator.issuedAccessTokens[1]}`,
		);
		expect(items[0].json.status).toBe('Cancelled');
	});

	it('never shows the client secret or a token in errors or output, whatever fails', async () => {
		const [action] = simulator.seed(1);
		const credentials = createCredentialStore(simulatorCredential(simulator));
		simulator.injectFault({
			path: /\/cancel$/,
			status: 400,
			times: 1,
			body: {
				error: { code: 'BadRequest', message: `echo ${DEFAULT_APP.clientSecret}`, target: 'x' },
			},
		});
		const runs = [
			await runDefenderNode({
				parameters: { operation: 'cancel', machineActionId: action.id, comment: 'x' },
				credential: {},
				credentials,
				continueOnFail: true,
			}),
			await runDefenderNode({
				parameters: { operation: 'get', machineActionId: '00000000-1111-4222-8333-444444444444' },
				credential: {},
				credentials,
			}),
			await runDefenderNode({
				parameters: { operation: 'get', machineActionId: action.id },
				credential: { ...simulatorCredential(simulator), applicationSecret: 'wrong-secret-value' },
			}),
		];

		const everything = JSON.stringify(runs.map(({ run }) => run));
		for (const secret of [
			DEFAULT_APP.clientSecret,
			'wrong-secret-value',
			...simulator.issuedAccessTokens,
		]) {
			expect(everything).not.toContain(secret);
		}
		expect(String(runs[0].items[0].json.error)).toContain('echo ***');
		expect(runs[2].error?.message).toContain('AADSTS7000215');
		expect(
			simulator.apiRequests().filter((request) => request.headers.authorization === undefined),
		).toHaveLength(0);
		expect(simulator.apiRequests()).toHaveLength(3);
	});

	it.each(DEFENDER_CLOUDS.map((cloud) => [cloud.value, cloud] as const))(
		'resolves token URL and scope for the %s environment',
		async (environment, cloud) => {
			const resolved = await resolveStoredCredential({
				environment,
				tenantId: 'contoso.onmicrosoft.com',
				applicationId: 'a',
				applicationSecret: 'b',
			});

			expect(resolved.accessTokenUrl).toBe(
				`${cloud.authority}/contoso.onmicrosoft.com/oauth2/v2.0/token`,
			);
			expect(resolved.scope).toBe(cloud.scope);
			expect(resolved.grantType).toBe('clientCredentials');
		},
	);

	it('uses the scope override and the custom token URL as given', async () => {
		const resolved = await resolveStoredCredential({
			environment: 'custom',
			apiUrl: 'https://defender.internal.example',
			tokenUrl: 'https://login.example/tenant/oauth2/v2.0/token',
			scopeOverride: 'https://example/.default',
		});

		expect(resolved.accessTokenUrl).toBe('https://login.example/tenant/oauth2/v2.0/token');
		expect(resolved.scope).toBe('https://example/.default');
	});

	it.each([
		[
			'a tenant ID that is neither a GUID nor a domain',
			{ environment: 'global', tenantId: 'not a tenant/..' },
			'Tenant ID must be a directory GUID',
		],
		[
			'a custom API URL that is not a URL',
			{ environment: 'custom', apiUrl: 'defender', tokenUrl: 'http://x/t' },
			'API URL is not a URL',
		],
		[
			'a custom API URL with a query string',
			{ environment: 'custom', apiUrl: 'https://x.example/?a=1', tokenUrl: 'http://x/t' },
			'must be a service root',
		],
	])('refuses %s before any request', async (_label, settings, message) => {
		const { error } = await runDefenderNode({
			parameters: { operation: 'get', machineActionId: '00000000-1111-4222-8333-444444444444' },
			credential: { applicationId: 'a', applicationSecret: 'b', ...settings },
		});

		expect(error?.message).toContain(message);
		expect(simulator.requests).toHaveLength(0);
	});

	it('accepts a custom API URL pasted with /api and a trailing slash', async () => {
		const [action] = simulator.seed(1);

		const { error } = await runDefenderNode({
			parameters: { operation: 'get', machineActionId: action.id },
			credential: { ...simulatorCredential(simulator), apiUrl: `${simulator.url}/api/` },
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests()[0].path).toBe(`/api/machineactions/${action.id}`);
	});
});
