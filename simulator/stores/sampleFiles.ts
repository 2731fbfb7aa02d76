import { createHash } from 'node:crypto';

import type { ApiRoute } from '../core/apiRoute';
import { HttpProblem } from '../core/httpProblem';
import type { SimulatorState } from './state';

/** A file Defender has seen, in the File entity's shape (reference section 4). */
export interface SimulatedFile {
	sha1: string;
	sha256: string;
	globalPrevalence: number;
	globalFirstObserved: string;
	globalLastObserved: string;
	size: number;
	fileType: string | null;
	isPeFile: boolean;
	filePublisher: string | null;
	fileProductName: string | null;
	signer: string | null;
	issuer: string | null;
	signerHash: string | null;
	isValidCertificate: boolean;
	determinationType: string;
	determinationValue: string | null;
	/** Not an entity field: the names the stats list as top file names. */
	fileNames: string[];
}

/** The files the simulator knows; any other hash is 404, as for a file Defender never saw. */
export const SAMPLE_FILES: readonly SimulatedFile[] = [
	{
		sha1: '4388963aaa83afe2042a46a3c017ad50bdcdafb3',
		sha256: '413c58c8267d2c8648d8f6384bacc2ae9c929b2b96578b6860b5087cd1bd6462',
		globalPrevalence: 180022,
		globalFirstObserved: '2017-09-19T03:51:27.6785431Z',
		globalLastObserved: '2020-01-06T03:59:21.3229314Z',
		size: 22139496,
		fileType: 'APP',
		isPeFile: true,
		filePublisher: 'Contoso Ltd.',
		fileProductName: 'Contoso Tool',
		signer: 'Contoso Ltd.',
		issuer: 'VeriSign Class 3 Code Signing 2010 CA',
		signerHash: '6c3245d4a9bc0244d99dff27af259cbbae2e2d16',
		isValidCertificate: false,
		determinationType: 'Pua',
		determinationValue: 'PUA:Win32/FusionCore',
		fileNames: ['ContosoTool.exe', 'setup.exe'],
	},
	{
		sha1: '0991a395da64e1c5fbe8732ed11e6be064081d9f',
		sha256: 'b1f5e1a4c7f3e4d2c9a8b7e6f5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a',
		globalPrevalence: 705012,
		globalFirstObserved: '2015-03-19T12:20:07.3432441Z',
		globalLastObserved: '2020-01-06T13:39:36Z',
		size: 65536,
		fileType: null,
		isPeFile: true,
		filePublisher: null,
		fileProductName: null,
		signer: null,
		issuer: null,
		signerHash: null,
		isValidCertificate: false,
		determinationType: 'Unknown',
		determinationValue: null,
		fileNames: ['MREC.exe'],
	},
];

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
