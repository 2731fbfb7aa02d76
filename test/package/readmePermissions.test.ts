import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { API_CATALOGS } from '../harness/apiCatalogs';
import type { ApiEndpoint } from '../harness/apiCatalogs';
import { missingPermissions, permissionsInTable, permissionsOf } from '../harness/permissionTable';

// README's permission tables are what an admin grants from: each permission a catalog names must be there.
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

const HEADERS: Record<(typeof API_CATALOGS)[number]['permissionApi'], string> = {
	WindowsDefenderATP: '| operation | application permission |',
	'Microsoft Graph': '| operation | Microsoft Graph application permission |',
};

describe("README's permission tables", () => {
	it.each(API_CATALOGS.map((catalog) => [catalog.permissionApi, catalog] as const))(
		'list every %s permission the catalog uses',
		(permissionApi, catalog) => {
			const listed = permissionsInTable(readme, HEADERS[permissionApi]);

			expect(listed.size).toBeGreaterThan(3);
			expect(missingPermissions(catalog.endpoints, listed, permissionApi)).toEqual([]);
		},
	);

	it('names the missing permission and the operation that needs it', () => {
		const endpoint: ApiEndpoint = {
			name: 'machineSoftware',
			routes: [{ method: 'GET', path: '/api/machines/{id}/software' }],
			perMinute: 100,
			perHour: 1500,
			permission: 'Software.Read.All',
			retry: 'read',
			product: 'Defender',
			permissionApi: 'WindowsDefenderATP',
		};
		const table = [
			'| operation | application permission |',
			'|---|---|',
			'| Device: Get | `Machine.Read.All` (or `Machine.ReadWrite.All`) |',
		].join('\n');

		const listed = permissionsInTable(table, '| operation | application permission |');

		expect([...listed]).toEqual(['Machine.Read.All', 'Machine.ReadWrite.All']);
		expect(missingPermissions({ machineSoftware: endpoint }, listed, 'WindowsDefenderATP')).toEqual(
			[
				"README's WindowsDefenderATP permission table lacks Software.Read.All, which machineSoftware (GET /api/machines/{id}/software) needs",
			],
		);
	});

	it('reads every permission a catalog entry allows', () => {
		const [defender] = API_CATALOGS;

		expect(permissionsOf(defender.endpoints.listIndicators)).toEqual([
			'Ti.ReadWrite',
			'Ti.ReadWrite.All',
		]);
		expect(permissionsOf(defender.endpoints.stopAndQuarantineFile)).toEqual([
			'Machine.StopAndQuarantine',
			'Machine.Read.All',
		]);
	});
});
