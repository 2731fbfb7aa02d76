// End-to-end: what the editor asks of the server, in real n8n releases: the credential test that Save
// runs, the Machine Action picker's list, and saved workflows whose Machine Action is a plain string.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import simulatorModule from '../dist/simulator/server.js';
import {
	DEFENDER_NODE_TYPE,
	EXAMPLE_CREDENTIAL,
	exampleCredentialFor,
} from './support/examples.mjs';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';
import { N8nRest } from './support/n8nRest.mjs';
import { chain, defenderNode, node } from './support/workflows.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const CREDENTIAL_TYPE = 'microsoftDefenderEndpointOAuth2Api';
const READ_LESS_APP = {
	tenantId: DEFAULT_APP.tenantId,
	clientId: '11111111-2222-4333-8444-555555555555',
	clientSecret: 'isolate-only',
	roles: ['Machine.Isolate'],
};

const cancelWorkflow = (id, machineActionId) =>
	chain(id, id, [
		node('Manual', 'n8n-nodes-base.manualTrigger', 1, {}),
		defenderNode('Defender', {
			resource: 'machineAction',
			operation: 'cancel',
			machineActionId,
			comment: `e2e: ${id}`,
		}),
	]);

for (const version of VERSIONS) {
	describe(`n8n ${version}: the editor's server side`, { timeout: 20 * 60_000 }, () => {
		let n8n;
		let rest;
		let simulator;
		let otherCloud;
		let saved;

		before(async () => {
			simulator = await startDefenderSimulator({
				rateLimit: false,
				apps: [DEFAULT_APP, READ_LESS_APP],
			});
			otherCloud = await startDefenderSimulator({ rateLimit: false });
			simulator.seedMachines(3);
			n8n = new N8nInstance(await ensureN8n(version), {
				port: await freePort(),
			});
			await n8n.importJson('credentials', [exampleCredentialFor(simulator, DEFAULT_APP)]);
			saved = {
				plain: simulator.addAction(),
				expression: simulator.addAction(),
				list: simulator.addAction(),
				byId: simulator.addAction(),
			};
			await n8n.importJson('workflow', [
				cancelWorkflow('savedPlainString', saved.plain.id),
				cancelWorkflow('savedExpression', `={{ ${JSON.stringify(saved.expression.id)} }}`),
				cancelWorkflow('pickedFromList', {
					__rl: true,
					mode: 'list',
					value: saved.list.id,
					cachedResultName: 'Isolate',
				}),
				cancelWorkflow('givenById', { __rl: true, mode: 'id', value: saved.byId.id }),
			]);
			await n8n.start();
			rest = await N8nRest.owner(n8n.baseUrl);
		});

		after(async () => {
			await n8n?.stop();
			await simulator?.close();
			await otherCloud?.close();
			n8n?.assertLoopbackOnly();
		});

		const settings = (overrides = {}) => ({
			environment: 'custom',
			apiUrl: simulator.url,
			tokenUrl: simulator.tokenUrl(),
			applicationId: DEFAULT_APP.clientId,
			applicationSecret: DEFAULT_APP.clientSecret,
			...overrides,
		});

		it('tests the credential on Save with one device read, and says the connection works', async () => {
			const before = simulator.apiRequests().length;

			const result = await rest.saveAndTestCredential(CREDENTIAL_TYPE, settings());

			assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
			const [request] = simulator.apiRequests().slice(before);
			assert.equal(request.path, '/api/machines');
			assert.deepEqual(request.query, { $top: '1' });
			assert.match(request.headers.authorization, /^Bearer sim-/);
		});

		it('names the permission when the app may not read devices', async () => {
			const result = await rest.saveAndTestCredential(
				CREDENTIAL_TYPE,
				settings({
					applicationId: READ_LESS_APP.clientId,
					applicationSecret: READ_LESS_APP.clientSecret,
				}),
			);

			assert.equal(result.status, 'Error');
			// n8n 1.x shows its own text for a status code instead of the credential's rules.
			assert.match(
				result.message,
				version.startsWith('1.')
					? /^Forbidden - perhaps check your credentials/
					: /Machine\.Read\.All/,
			);
		});

		it('says the token is for another cloud when the API host does not accept it', async () => {
			const result = await rest.saveAndTestCredential(
				CREDENTIAL_TYPE,
				settings({ apiUrl: otherCloud.url }),
			);

			assert.equal(result.status, 'Error');
			assert.match(
				result.message,
				version.startsWith('1.')
					? /^Authorization failed - please check your credentials/
					: /refused the token: the Environment \(API host\) must be the cloud/,
			);
			assert.ok(otherCloud.apiRequests().length > 0, 'the other cloud was asked');
		});

		// n8n's OAuth2 layer replaces Entra's AADSTS text with the OAuth2 standard's description of the error code.
		for (const [what, overrides, expected] of [
			[
				'a wrong secret',
				() => ({ applicationSecret: 'not-the-secret' }),
				/Client authentication failed/,
			],
			[
				'an unknown client ID',
				() => ({ applicationId: '99999999-2222-4333-8444-555555555555' }),
				/not authorized/,
			],
			[
				'an unknown tenant',
				() => ({ tokenUrl: simulator.tokenUrl('00000000-9999-4999-8999-000000000000') }),
				/invalid parameter value|malformed/,
			],
		]) {
			it(`fails the test, sending nothing to Defender, with ${what}`, async () => {
				const before = simulator.apiRequests().length;

				const result = await rest.saveAndTestCredential(CREDENTIAL_TYPE, settings(overrides()));

				assert.equal(result.status, 'Error');
				assert.match(result.message, expected);
				assert.doesNotMatch(result.message, /not-the-secret/);
				assert.equal(simulator.apiRequests().length, before);
			});
		}

		it('offers recent actions in the Device Action list, for Cancel the open ones first, labelled for an analyst', async () => {
			const done = simulator.addAction({ status: 'Succeeded', type: 'RunAntiVirusScan' });
			const credentials = await rest.request('GET', '/credentials');
			const credential = credentials.find((entry) => entry.id === EXAMPLE_CREDENTIAL.id);

			const result = await rest.request(
				'POST',
				'/dynamic-node-parameters/resource-locator-results',
				{
					path: 'parameters.machineActionId',
					nodeTypeAndVersion: { name: DEFENDER_NODE_TYPE, version: 1 },
					methodName: 'searchMachineActions',
					// The editor sends every parameter with its default, Authentication (a credential's displayOptions) included.
					currentNodeParameters: {
						authentication: 'oAuth2',
						resource: 'machineAction',
						operation: 'cancel',
						machineActionId: { __rl: true, mode: 'list', value: '' },
						comment: '',
					},
					credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
					filter: '',
				},
			);

			const values = result.results.map((entry) => entry.value);
			assert.ok(values.indexOf(done.id) > values.indexOf(saved.list.id), 'open actions come first');
			const label = result.results.find((entry) => entry.value === done.id).name;
			assert.match(
				label,
				new RegExp(
					`^RunAntiVirusScan · ${done.computerDnsName.replace(/\./g, '\\.')} · Succeeded · `,
				),
			);
		});

		for (const [workflowId, what] of [
			['savedPlainString', 'a plain string'],
			['savedExpression', 'an expression'],
			['pickedFromList', 'an action picked from the list'],
			['givenById', 'an ID given By ID'],
		]) {
			it(`cancels the action a saved workflow names with ${what}`, async () => {
				const result = await n8n.execute(workflowId);

				assert.equal(result.error, undefined);
				const [output] = result.runData.Defender[0].data.main[0].map((item) => item.json);
				assert.equal(output.status, 'Cancelled');
				assert.equal(output.cancellationComment, `e2e: ${workflowId}`);
				const expectedId = {
					savedPlainString: saved.plain,
					savedExpression: saved.expression,
					pickedFromList: saved.list,
					givenById: saved.byId,
				}[workflowId].id;
				assert.equal(output.id, expectedId);
				assert.equal(
					simulator
						.apiRequests()
						.filter((request) => request.path === `/api/machineactions/${expectedId}/cancel`)
						.length,
					1,
				);
			});
		}
	});
}
