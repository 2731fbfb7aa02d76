import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { MicrosoftDefenderEndpointAssertionApi } from '../../credentials/MicrosoftDefenderEndpointAssertionApi.credentials';
import { MicrosoftDefenderEndpointOAuth2Api } from '../../credentials/MicrosoftDefenderEndpointOAuth2Api.credentials';
import { MicrosoftDefenderXdrAssertionApi } from '../../credentials/MicrosoftDefenderXdrAssertionApi.credentials';
import { MicrosoftDefenderXdrOAuth2Api } from '../../credentials/MicrosoftDefenderXdrOAuth2Api.credentials';

/*
 * Saved credentials and workflows depend on every name, value, default and expression a credential
 * type declares, so the four descriptions are pinned to a committed fixture. Regenerate it only for a
 * change meant to be seen by users: UPDATE_CREDENTIAL_FIXTURE=1 npx jest test/credentials
 */
const FIXTURE = join(__dirname, 'descriptions.json');

const CREDENTIALS: Record<string, () => ICredentialType> = {
	MicrosoftDefenderEndpointOAuth2Api: () => new MicrosoftDefenderEndpointOAuth2Api(),
	MicrosoftDefenderEndpointAssertionApi: () => new MicrosoftDefenderEndpointAssertionApi(),
	MicrosoftDefenderXdrOAuth2Api: () => new MicrosoftDefenderXdrOAuth2Api(),
	MicrosoftDefenderXdrAssertionApi: () => new MicrosoftDefenderXdrAssertionApi(),
};

/** The instance's own fields as plain JSON; a function is recorded as present, not by its text. */
function described(credential: ICredentialType): unknown {
	const fields = Object.fromEntries(
		Object.keys(credential)
			.sort()
			.map((key) => [key, (credential as unknown as Record<string, unknown>)[key]]),
	);
	return JSON.parse(
		JSON.stringify(fields, (_key, value: unknown) =>
			typeof value === 'function' ? '[function]' : value,
		),
	) as unknown;
}

/** Where preAuthentication sends the token request, and what it asks for, for one set of fields. */
async function tokenRequest(
	credential: ICredentialType,
	fields: ICredentialDataDecryptedObject,
): Promise<unknown> {
	let sent: IHttpRequestOptions | undefined;
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent = options;
				return { statusCode: 200, headers: {}, body: { access_token: 'token' } };
			},
		},
	} as unknown as IHttpRequestHelper;
	const answer = await credential.preAuthentication!.call(helper, fields);
	const form = Object.fromEntries(new URLSearchParams(String(sent?.body)));
	delete form.client_assertion;
	return { answer, url: sent?.url, method: sent?.method, headers: sent?.headers, form };
}

/** Every environment of the credential, plus an unknown one, with and without a Scope Override. */
async function signInTable(credential: ICredentialType, tokenFile: string): Promise<unknown> {
	const environment = credential.properties.find((property) => property.name === 'environment');
	const values = (environment?.options ?? []).map((option) =>
		String((option as { value: unknown }).value),
	);
	const table: Record<string, unknown> = {};
	for (const value of [...values, 'noSuchCloud']) {
		for (const scopeOverride of ['', ' https://override.example/.default ']) {
			const fields: ICredentialDataDecryptedObject = {
				environment: value,
				tenantId: 'contoso.onmicrosoft.com',
				tokenUrl: 'https://login.example.test/tenant/oauth2/v2.0/token',
				applicationId: '00000000-0000-0000-0000-00000000000a',
				signIn: 'federatedTokenFile',
				tokenFilePath: tokenFile,
				scopeOverride,
			};
			table[`${value}|override=${scopeOverride !== ''}`] = await tokenRequest(credential, fields);
		}
	}
	return table;
}

async function observed(): Promise<Record<string, unknown>> {
	const tokenFile = join(mkdtempSync(join(tmpdir(), 'credential-fixture-')), 'token');
	writeFileSync(tokenFile, 'aGVhZGVy.cGF5bG9hZA.c2ln');
	const result: Record<string, unknown> = {};
	for (const [className, create] of Object.entries(CREDENTIALS)) {
		const credential = create();
		result[className] = {
			description: described(credential),
			signIn: credential.preAuthentication ? await signInTable(credential, tokenFile) : null,
		};
	}
	return result;
}

describe('Credential descriptions stay as saved credentials and workflows know them', () => {
	it('every field, test request and sign-in of the four credentials matches test/credentials/descriptions.json', async () => {
		const now = await observed();
		if (process.env.UPDATE_CREDENTIAL_FIXTURE === '1') {
			writeFileSync(FIXTURE, `${JSON.stringify(now, null, '\t')}\n`);
		}
		const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
		for (const className of Object.keys(pinned)) {
			const drift = `${className} no longer matches test/credentials/descriptions.json: a credential's type name, fields, option values, defaults, displayOptions, test request or sign-in changed, which breaks credentials users have saved and the workflows using them. Undo the change, or if it is meant for users, regenerate the fixture (UPDATE_CREDENTIAL_FIXTURE=1) and say so in CHANGELOG.md`;
			try {
				expect(now[className]).toEqual(pinned[className]);
			} catch (error) {
				throw new Error(`${drift}\n\n${(error as Error).message}`);
			}
		}
		expect(Object.keys(now).sort()).toEqual(Object.keys(pinned).sort());
	});
});
