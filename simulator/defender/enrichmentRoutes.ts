import { createHash } from 'node:crypto';

import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { SAMPLE_FILES } from '../stores/sampleFiles';
import type { SimulatedFile } from '../stores/sampleFiles';
import type { SimulatorState } from '../stores/state';
const SHA1_OR_SHA256 = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*$/i;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const MAX_LOOK_BACK_HOURS = 720;

function findFile(id: string): SimulatedFile {
	if (!SHA1_OR_SHA256.test(id))
		throw new HttpProblem(
			400,
			'InvalidInput',
			`Invalid file identifier '${id}': expected a SHA-1 or SHA-256`,
		);
	const lower = id.toLowerCase();
	const file = SAMPLE_FILES.find(
		(candidate) => candidate.sha1 === lower || candidate.sha256 === lower,
	);
	if (!file) throw new HttpProblem(404, 'ResourceNotFound', `File ${id} was not found`);
	return file;
}

/** `lookBackHours` (or `lookbackhours`, as the limitation text spells it): whole hours up to 720, default 720. */
function lookBackHours(url: URL): number {
	const raw = url.searchParams.get('lookBackHours') ?? url.searchParams.get('lookbackhours');
	if (raw === null) return MAX_LOOK_BACK_HOURS;
	const hours = Number(raw);
	if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LOOK_BACK_HOURS) {
		throw new HttpProblem(
			400,
			'InvalidInput',
			`lookBackHours must be between 1 and ${MAX_LOOK_BACK_HOURS}, got '${raw}'`,
		);
	}
	return hours;
}

/** A stable count for one entity over a look-back: more hours, more devices. */
function prevalence(key: string, hours: number): number {
	const seed = parseInt(createHash('sha1').update(key).digest('hex').slice(0, 6), 16);
	return Math.max(1, Math.round(((seed % 5000) + 1) * (hours / MAX_LOOK_BACK_HOURS)));
}

/** The org-wide first and last sightings within the look-back, or nulls when nothing was seen. */
function orgSeen(state: SimulatorState, key: string, hours: number, count: number) {
	if (count === 0) return { organizationPrevalence: 0, orgFirstSeen: null, orgLastSeen: null };
	const now = state.clock.now();
	const seed = parseInt(createHash('sha1').update(`seen-${key}`).digest('hex').slice(0, 6), 16);
	const first = now - hours * 3_600_000 + (seed % 3_600) * 1000;
	const last = now - (seed % 600) * 1000;
	const iso = (ms: number) =>
		new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	return { organizationPrevalence: count, orgFirstSeen: iso(first), orgLastSeen: iso(last) };
}

/** Addresses some device of this tenant used: the ones the IP stats count. */
const knownIp = (state: SimulatorState, ip: string) =>
	[...state.machines.machines.values()].some(
		(machine) =>
			machine.lastIpAddress === ip ||
			machine.lastExternalIpAddress === ip ||
			machine.ipAddresses.some((address) => address.ipAddress === ip),
	);

function checkIp(id: string): string {
	const v4 = IPV4.exec(id);
	if (v4 ? v4.slice(1).some((part) => Number(part) > 255) : !IPV6.test(id)) {
		throw new HttpProblem(400, 'InvalidInput', `Invalid IP address '${id}'`);
	}
	return id.toLowerCase();
}

/** File, IP and domain enrichment: who in the organisation saw them, and when (reference section 4). */
export const ENRICHMENT_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/files/{id}',
		api: 'files',
		roles: ['File.Read.All'],
		handle: (state, { id }) => {
			const { fileNames: _names, ...entity } = findFile(id);
			return [200, { '@odata.context': `${state.url}/api/$metadata#Files/$entity`, ...entity }];
		},
	},
	{
		method: 'GET',
		path: '/api/files/{id}/stats',
		api: 'fileStats',
		roles: ['File.Read.All'],
		handle: (state, { id, url }) => {
			const file = findFile(id);
			const hours = lookBackHours(url);
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#microsoft.windowsDefenderATP.api.FileStats`,
					sha1: file.sha1,
					...orgSeen(state, file.sha1, hours, prevalence(file.sha1, hours)),
					// Defender's example spells it globallyPrevalence, unlike the File entity [U].
					globallyPrevalence: file.globalPrevalence,
					globalFirstObserved: file.globalFirstObserved,
					globalLastObserved: file.globalLastObserved,
					topFileNames: file.fileNames,
				},
			];
		},
	},
	{
		method: 'GET',
		path: '/api/ips/{id}/stats',
		api: 'ipStats',
		roles: ['Ip.Read.All'],
		handle: (state, { id, url }) => {
			const ip = checkIp(id);
			const hours = lookBackHours(url);
			const count = knownIp(state, ip) ? prevalence(ip, hours) : 0;
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#microsoft.windowsDefenderATP.api.IpStats`,
					ipAddress: ip,
					...orgSeen(state, ip, hours, count),
				},
			];
		},
	},
	{
		method: 'GET',
		path: '/api/domains/{id}/stats',
		api: 'domainStats',
		roles: ['URL.Read.All'],
		handle: (state, { id, url }) => {
			if (!HOST.test(id)) throw new HttpProblem(400, 'InvalidInput', `Invalid domain '${id}'`);
			const hours = lookBackHours(url);
			// Any well-formed domain answers 200; one nobody reached has prevalence 0.
			const count = id.toLowerCase().endsWith('.invalid') ? 0 : prevalence(id.toLowerCase(), hours);
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#microsoft.windowsDefenderATP.api.DomainStats`,
					host: id.toLowerCase(),
					...orgSeen(state, id, hours, count),
				},
			];
		},
	},
];
