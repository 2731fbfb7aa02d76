import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFENDER_CLOUD_TABLE } from '../../credentials/defenderClouds';
import { GRAPH_CLOUD_TABLE } from '../../credentials/graphClouds';
import { serviceRootFor } from '../../credentials/serviceRoot';

const TENANT = 'contoso.onmicrosoft.com';
const defender = (fields: ICredentialDataDecryptedObject) =>
	serviceRootFor(DEFENDER_CLOUD_TABLE, fields);
const graph = (fields: ICredentialDataDecryptedObject) => serviceRootFor(GRAPH_CLOUD_TABLE, fields);

describe('serviceRootFor: where a credential sends its requests, from its service cloud table', () => {
	it.each([
		[
			'Defender, eu',
			defender({ environment: 'eu', tenantId: TENANT }),
			'https://eu.api.security.microsoft.com',
		],
		[
			'Defender, no environment (global)',
			defender({ tenantId: TENANT }),
			'https://api.security.microsoft.com',
		],
		[
			'Defender, gccHigh',
			defender({ environment: 'gccHigh', tenantId: TENANT }),
			'https://api-gov.securitycenter.microsoft.us',
		],
		[
			'Graph, dod',
			graph({ environment: 'dod', tenantId: TENANT }),
			'https://dod-graph.microsoft.us',
		],
		[
			'Defender custom, /api dropped',
			defender({ environment: 'custom', apiUrl: ' https://proxy.test/mde/api/ ' }),
			'https://proxy.test/mde',
		],
		[
			'Graph custom, /v1.0 dropped',
			graph({ environment: 'custom', apiUrl: 'http://localhost:3000/v1.0' }),
			'http://localhost:3000',
		],
		[
			'Graph custom keeps /api',
			graph({ environment: 'custom', apiUrl: 'https://proxy.test/api' }),
			'https://proxy.test/api',
		],
	])('%s', (_case, root, expected) => {
		expect(root).toEqual({ ok: true, value: expected });
	});

	it.each([
		[
			'an unknown Defender cloud',
			defender({ environment: 'cn', tenantId: TENANT }),
			'Unknown Defender environment "cn" in the credential',
		],
		[
			'a Defender-only cloud on Graph',
			graph({ environment: 'eu', tenantId: TENANT }),
			'Unknown Microsoft Graph environment "eu" in the credential',
		],
		[
			'a tenant with a space',
			defender({ environment: 'global', tenantId: 'my tenant' }),
			`The credential's Tenant ID must be a directory GUID or a domain such as contoso.onmicrosoft.com, got "my tenant"`,
		],
		[
			'plain http off this machine',
			defender({ environment: 'custom', apiUrl: 'http://10.0.0.5' }),
			"The credential's API URL must use https (http only for a simulator on localhost), got http://10.0.0.5",
		],
		[
			'a query',
			graph({ environment: 'custom', apiUrl: 'https://graph.test/?tenant=1' }),
			"The credential's API URL must be a service root, without a query, fragment or user name",
		],
		[
			'not a URL, with the service example',
			graph({ environment: 'custom', apiUrl: 'graph' }),
			`The credential's API URL is not a URL: "graph". Use the service root, like https://graph.microsoft.com`,
		],
	])('refuses %s, naming the problem', (_case, root, problem) => {
		expect(root).toEqual({ ok: false, problem });
	});
});
