import type { ApiEndpoint } from './apiCatalogs';

/** A permission name as Microsoft spells it: `Machine.Read.All`, `Ti.ReadWrite`, `URL.Read.All`. */
const PERMISSION_NAME = /\b[A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)+\b/g;

/** The permission names a catalog entry's `permission` text allows (`A or B`, `A (and B)`, a list). */
export const permissionsOf = (endpoint: ApiEndpoint): string[] => [
	...new Set(endpoint.permission.match(PERMISSION_NAME) ?? []),
];

/**
 * The permission names README's table under the header line `header` lists in its last column (the
 * table may be indented, as in a numbered step). Throws when README has no such table, so a renamed
 * header cannot make the check pass on nothing.
 */
export function permissionsInTable(readme: string, header: string): Set<string> {
	const lines = readme.split('\n');
	const start = lines.findIndex((line) => line.trim() === header);
	if (start === -1) throw new Error(`README has no table headed "${header}"`);
	const names = new Set<string>();
	for (const line of lines.slice(start + 2)) {
		if (!line.trim().startsWith('|')) break;
		const cells = line.trim().split('|');
		const lastCell = cells[cells.length - 2] ?? '';
		for (const name of lastCell.match(PERMISSION_NAME) ?? []) names.add(name);
	}
	return names;
}

/** One line per permission an endpoint needs that the table does not list, naming the operation that needs it. */
export function missingPermissions(
	endpoints: Readonly<Record<string, ApiEndpoint>>,
	listed: ReadonlySet<string>,
	tableName: string,
): string[] {
	return Object.values(endpoints).flatMap((endpoint) =>
		permissionsOf(endpoint)
			.filter((name) => !listed.has(name))
			.map((name) => {
				const routes = endpoint.routes.map((route) => `${route.method} ${route.path}`).join(', ');
				return `README's ${tableName} permission table lacks ${name}, which ${endpoint.name} (${routes}) needs`;
			}),
	);
}
