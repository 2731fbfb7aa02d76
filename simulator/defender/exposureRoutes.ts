import type { ApiRoute } from '../core/apiRoute';
import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import type { SimulatorState } from '../stores/state';
import { SEEDED_CVES, SEEDED_SOFTWARE, rowsOf } from '../stores/exposure/exposureData';
import {
	devicesExposedTo,
	devicesRunning,
	distributionsOf,
	findCve,
	findRecommendation,
	findSoftware,
	machineReference,
	missingKbsOf,
	recommendationEntity,
	softwareEntity,
	vulnerabilityEntity,
} from '../stores/exposure/exposureEntities';

const VULNERABILITY = ['Vulnerability.Read.All'];
const SOFTWARE = ['Software.Read.All'];
const RECOMMENDATION = ['SecurityRecommendation.Read.All'];
/** The Vulnerabilities list takes at most 8,000 a page. */
const VULNERABILITIES_MAX_TOP = 8_000;

const machinesOf = (state: SimulatorState) => [...state.machines.machines.values()];
const collection = (state: SimulatorState, name: string, value: unknown[]) => ({
	'@odata.context': `${state.url}/api/$metadata#${name}`,
	value,
});
const entity = (state: SimulatorState, name: string, value: object) => ({
	'@odata.context': `${state.url}/api/$metadata#${name}/$entity`,
	...value,
});
const notFound = (what: string): never => {
	throw new HttpProblem(404, 'ResourceNotFound', `${what} was not found`);
};
const cveOr404 = (id: string) => findCve(id) ?? notFound(`Vulnerability ${id}`);
const softwareOr404 = (id: string) => findSoftware(id) ?? notFound(`Software ${id}`);
const recommendationOr404 = (id: string) =>
	findRecommendation(id) ?? notFound(`Recommendation ${id}`);

/** A GET route of this module, answering 200 with what `answer` builds. */
const get = (
	path: string,
	api: string,
	roles: string[],
	answer: (state: SimulatorState, id: string, url: URL) => object,
): ApiRoute => ({
	method: 'GET',
	path,
	api,
	roles,
	handle: (state, { id, url }) => [200, answer(state, id, url)],
});

/** Defender's vulnerability management: a device's exposure, CVEs, software, recommendations. */
export const EXPOSURE_ROUTES: ApiRoute[] = [
	get('/api/machines/{id}/software', 'machineSoftware', SOFTWARE, (state, id) => {
		const machine = state.machines.find(id, false);
		const installed = SEEDED_SOFTWARE.filter(
			(software) => devicesRunning([machine], software).length > 0,
		);
		return collection(
			state,
			'Software',
			installed.map((software) => softwareEntity(software, machinesOf(state))),
		);
	}),
	get(
		'/api/machines/{id}/vulnerabilities',
		'machineVulnerabilities',
		VULNERABILITY,
		(state, id) => {
			const rows = rowsOf(state.machines.find(id, false));
			const cves = SEEDED_CVES.filter((cve) => rows.some((row) => row.cveId === cve.id));
			return collection(
				state,
				'Collection(Analytics.Contracts.PublicAPI.PublicVulnerabilityDto)',
				cves.map((cve) => vulnerabilityEntity(cve, machinesOf(state))),
			);
		},
	),
	get(
		'/api/machines/{id}/recommendations',
		'machineRecommendations',
		RECOMMENDATION,
		(state, id) => {
			const rows = rowsOf(state.machines.find(id, false));
			const software = SEEDED_SOFTWARE.filter((candidate) =>
				rows.some((row) => row.productName === candidate.name),
			);
			return collection(
				state,
				'Recommendations',
				software.map((candidate) => recommendationEntity(candidate, machinesOf(state))),
			);
		},
	),
	// Before /api/vulnerabilities/{id}, which its path would also match.
	get(
		'/api/vulnerabilities/machinesVulnerabilities',
		'machinesVulnerabilities',
		VULNERABILITY,
		(state, _id, url) => {
			const rows = [...machinesOf(state).flatMap(rowsOf), ...state.exposure.synthetic()];
			const kept = filtered(
				rows,
				url,
				[
					'id',
					'cveId',
					'machineId',
					'fixingKbId',
					'productName',
					'productVersion',
					'severity',
					'productVendor',
				],
				[],
			);
			// Served $top at a time, up to 10,000, whatever the simulator's page size, with no next link: clients page by $skip.
			return page(
				kept,
				url,
				`${state.url}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicAssetVulnerabilityDto)`,
				{ origin: state.paging().origin, nextLink: false },
			);
		},
	),
	get('/api/vulnerabilities', 'vulnerabilities', VULNERABILITY, (state, _id, url) => {
		if (Number(url.searchParams.get('$top') ?? 0) > VULNERABILITIES_MAX_TOP)
			throw new HttpProblem(
				400,
				'ODataError',
				`The limit of '${VULNERABILITIES_MAX_TOP}' for Top query has been exceeded`,
			);
		const all = SEEDED_CVES.map((cve) => vulnerabilityEntity(cve, machinesOf(state)));
		const kept = filtered(
			all,
			url,
			['id', 'name', 'description', 'cvssV3', 'publishedOn', 'severity', 'updatedOn'],
			['publishedOn', 'updatedOn'],
		);
		return page(kept, url, `${state.url}/api/$metadata#Vulnerabilities`, state.paging());
	}),
	get('/api/vulnerabilities/{id}', 'vulnerabilities', VULNERABILITY, (state, id) =>
		entity(state, 'Vulnerabilities', vulnerabilityEntity(cveOr404(id), machinesOf(state))),
	),
	get(
		'/api/vulnerabilities/{id}/machineReferences',
		'vulnerabilityDevices',
		VULNERABILITY,
		(state, id) =>
			collection(
				state,
				'MachineReferences',
				devicesExposedTo(machinesOf(state), cveOr404(id).id).map(machineReference),
			),
	),
	get('/api/Software', 'software', SOFTWARE, (state, _id, url) => {
		const all = SEEDED_SOFTWARE.map((software) => softwareEntity(software, machinesOf(state)));
		return page(
			filtered(all, url, ['id', 'name', 'vendor'], []),
			url,
			`${state.url}/api/$metadata#Software`,
			state.paging(),
		);
	}),
	get('/api/Software/{id}', 'software', SOFTWARE, (state, id) =>
		entity(state, 'Software', softwareEntity(softwareOr404(id), machinesOf(state))),
	),
	get(
		'/api/Software/{id}/vulnerabilities',
		'softwareVulnerabilities',
		VULNERABILITY,
		(state, id) => {
			const software = softwareOr404(id);
			const cves = SEEDED_CVES.filter((cve) => findSoftware(cve.software) === software);
			return collection(
				state,
				'Collection(Analytics.Contracts.PublicAPI.PublicVulnerabilityDto)',
				cves.map((cve) => vulnerabilityEntity(cve, machinesOf(state))),
			);
		},
	),
	get('/api/Software/{id}/machineReferences', 'softwareDevices', SOFTWARE, (state, id) =>
		collection(
			state,
			'MachineReferences',
			devicesRunning(machinesOf(state), softwareOr404(id)).map(machineReference),
		),
	),
	get('/api/Software/{id}/distributions', 'softwareDistributions', SOFTWARE, (state, id) =>
		collection(state, 'Distributions', distributionsOf(softwareOr404(id), machinesOf(state))),
	),
	get('/api/Software/{id}/getmissingkbs', 'softwareMissingKbs', SOFTWARE, (state, id) =>
		collection(
			state,
			'Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)',
			missingKbsOf(softwareOr404(id), machinesOf(state)),
		),
	),
	get('/api/recommendations', 'recommendations', RECOMMENDATION, (state, _id, url) => {
		const all = SEEDED_SOFTWARE.map((software) =>
			recommendationEntity(software, machinesOf(state)),
		);
		const fields = [
			'id',
			'productName',
			'vendor',
			'recommendedVersion',
			'recommendationCategory',
			'subCategory',
			'severityScore',
			'remediationType',
			'status',
		];
		return page(
			filtered(all, url, fields, []),
			url,
			`${state.url}/api/$metadata#Recommendations`,
			state.paging(),
		);
	}),
	get('/api/recommendations/{id}', 'recommendations', RECOMMENDATION, (state, id) =>
		entity(
			state,
			'Recommendations',
			recommendationEntity(recommendationOr404(id), machinesOf(state)),
		),
	),
	get('/api/recommendations/{id}/software', 'recommendationSoftware', RECOMMENDATION, (state, id) =>
		collection(state, 'Software', [softwareEntity(recommendationOr404(id), machinesOf(state))]),
	),
	get(
		'/api/recommendations/{id}/machineReferences',
		'recommendationDevices',
		RECOMMENDATION,
		(state, id) =>
			collection(
				state,
				'MachineReferences',
				devicesRunning(machinesOf(state), recommendationOr404(id)).map(machineReference),
			),
	),
	get(
		'/api/recommendations/{id}/vulnerabilities',
		'recommendationVulnerabilities',
		VULNERABILITY,
		(state, id) => {
			const software = recommendationOr404(id);
			const cves = SEEDED_CVES.filter((cve) => findSoftware(cve.software) === software);
			return collection(
				state,
				'Collection(Analytics.Contracts.PublicAPI.PublicVulnerabilityDto)',
				cves.map((cve) => vulnerabilityEntity(cve, machinesOf(state))),
			);
		},
	),
];
