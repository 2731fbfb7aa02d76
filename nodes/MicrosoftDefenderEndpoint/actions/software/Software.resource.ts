import type { INodeProperties } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads } from '../../../core/operation/entityShapes';
import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import { exportInventoryAssessmentOperation } from './exportInventoryAssessment';
import * as getAll from './getAll.operation';
import { softwareKey } from './softwareId';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

const reads = entityReads('software', {
	get: {
		option: {
			name: 'Get',
			action: 'Get a software',
			description: 'Get a software product by its ID: weaknesses, exposed devices, impact',
		},
		endpoint: API_ENDPOINTS.software,
		key: softwareKey,
		path: (id) => `/api/Software/${id}`,
		answer: 'one',
		verb: 'read',
	},
	getDevices: {
		option: {
			name: 'Get Devices',
			action: 'Get the devices that have a software',
			description: 'List the devices a software is installed on, one item per device',
		},
		endpoint: API_ENDPOINTS.softwareDevices,
		key: softwareKey,
		path: (id) => `/api/Software/${id}/machineReferences`,
		answer: 'list',
		verb: 'read the devices of',
	},
	getMissingKbs: {
		option: {
			name: 'Get Missing KBs',
			action: 'Get the missing KBs of a software',
			description:
				'List the security updates (KBs) missing for a software, with the devices missing each',
		},
		endpoint: API_ENDPOINTS.softwareMissingKbs,
		key: softwareKey,
		path: (id) => `/api/Software/${id}/getmissingkbs`,
		answer: 'list',
		verb: 'read the missing KBs of',
	},
	getVersionDistribution: {
		option: {
			name: 'Get Version Distribution',
			action: 'Get the version distribution of a software',
			description:
				'List the versions of a software installed in the organisation, with their installations',
		},
		endpoint: API_ENDPOINTS.softwareDistributions,
		key: softwareKey,
		path: (id) => `/api/Software/${id}/distributions`,
		answer: 'list',
		verb: 'read the version distribution of',
	},
	getVulnerabilities: {
		option: {
			name: 'Get Vulnerabilities',
			action: 'Get the vulnerabilities of a software',
			description: 'List the vulnerabilities (CVEs) of a software, one item per CVE',
		},
		endpoint: API_ENDPOINTS.softwareVulnerabilities,
		key: softwareKey,
		path: (id) => `/api/Software/${id}/vulnerabilities`,
		answer: 'list',
		verb: 'read the vulnerabilities of',
	},
});

export const operations = {
	...reads,
	exportInventoryAssessment: exportInventoryAssessmentOperation,
	getAll,
};

export const description: INodeProperties[] = [
	operationSelector('software', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
