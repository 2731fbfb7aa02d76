import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import type { SimulatorState } from '../stores/state';
import { deviceExportRows, syntheticExportRow } from '../stores/exposure/exportRows';
import type { ExportKind } from '../stores/exposure/exportRows';

/** Defender's stated page sizes for the export assessments' JSON form. */
const DEFAULT_PAGE_SIZE = 50_000;
const MAX_PAGE_SIZE = 200_000;

/** A whole number from `min` to `max` in the query, or the default; anything else is a 400. */
function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
	const raw = [...url.searchParams].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		throw new HttpProblem(400, 'InvalidInput', `Invalid value '${raw}' for ${name}`);
	return value;
}

/** The opaque `$skiptoken` of a next link: here the offset of the next row, base64 JSON as Defender's looks. */
const skipToken = (offset: number) =>
	Buffer.from(JSON.stringify({ LineStoppedAt: offset })).toString('base64');
function offsetOf(url: URL): number {
	const token = url.searchParams.get('$skiptoken');
	if (token === null) return 0;
	try {
		const offset = (
			JSON.parse(Buffer.from(token, 'base64').toString()) as { LineStoppedAt?: unknown }
		).LineStoppedAt;
		if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
	} catch {
		// Falls through to the 400 below.
	}
	throw new HttpProblem(400, 'InvalidInput', 'Invalid $skiptoken');
}

/** One export's page: the seeded devices' rows, then `state.exposure.syntheticRows` synthetic ones, made only for this page. */
function exportPage(state: SimulatorState, kind: ExportKind, url: URL, entity: string) {
	const own = deviceExportRows(kind, [...state.machines.machines.values()]);
	const total = own.length + state.exposure.syntheticRows;
	const top = url.searchParams.has('$top')
		? intParam(url, '$top', 0, 0, Number.MAX_SAFE_INTEGER)
		: undefined;
	const size = top ?? intParam(url, 'pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
	const offset = offsetOf(url);
	const end = Math.min(total, offset + size);
	const value: object[] = [];
	for (let index = offset; index < end; index++)
		value.push(index < own.length ? own[index] : syntheticExportRow(kind, index - own.length));
	const answer: Record<string, unknown> = {
		'@odata.context': `${state.url}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.${entity})`,
		value,
	};
	// $top answers once, without a next link, as the docs say.
	if (top === undefined && end < total)
		answer['@odata.nextLink'] =
			`${state.paging().origin}${url.pathname}?pagesize=${size}&$skiptoken=${skipToken(end)}`;
	return answer;
}

const exportRoute = (
	path: string,
	api: string,
	role: string,
	kind: ExportKind,
	entity: string,
): ApiRoute => ({
	method: 'GET',
	path,
	api,
	roles: [role],
	handle: (state, { url }) => [200, exportPage(state, kind, url, entity)],
});

/** The export assessments by device, JSON form; before the machine routes, whose /api/machines/{id} would match them. */
export const EXPORT_ROUTES: ApiRoute[] = [
	exportRoute(
		'/api/machines/SoftwareVulnerabilitiesByMachine',
		'softwareVulnerabilitiesByMachine',
		'Vulnerability.Read.All',
		'vulnerabilities',
		'AssetVulnerability',
	),
	exportRoute(
		'/api/machines/SoftwareInventoryByMachine',
		'softwareInventoryByMachine',
		'Software.Read.All',
		'inventory',
		'AssetSoftware',
	),
];
