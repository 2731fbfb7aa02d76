import { filtered, page } from '../core/odata/odata';
import { SEEDED_CVES, SEEDED_SOFTWARE } from '../stores/exposure/exposureData';
import {
	devicesRunning,
	distributionsOf,
	findSoftware,
	machineReference,
	missingKbsOf,
	recommendationEntity,
	softwareEntity,
	vulnerabilityEntity,
} from '../stores/exposure/exposureEntities';
import type { ApiRoute } from '../simulatorRoute';
import {
	RECOMMENDATION,
	SOFTWARE,
	VULNERABILITY,
	collection,
	entity,
	get,
	machinesOf,
	recommendationOr404,
	softwareOr404,
} from './exposureRouteKit';

/** Vulnerability management by product: the software inventory and the security recommendations. */
export const SOFTWARE_ROUTES: ApiRoute[] = [
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
