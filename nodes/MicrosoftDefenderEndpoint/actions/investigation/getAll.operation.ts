import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../../core/operation/checks';
import { DEVICE_ID_EXAMPLE, DeviceFilterClauses } from '../../shared/deviceId';
import {
	asOptions,
	filtersField,
	optionsField,
	returnAllAndLimit,
} from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';

import { listOperation } from '../../../core/operation/listShape';
import type { ApiOperation } from '../../../core/operation/apiOperation';

/** The states Defender documents for an investigation. */
export const INVESTIGATION_STATES = [
	'Unknown',
	'Terminated',
	'SuccessfullyRemediated',
	'Benign',
	'Failed',
	'PartiallyRemediated',
	'Running',
	'PendingApproval',
	'PendingResource',
	'PartiallyInvestigated',
	'TerminatedByUser',
	'TerminatedBySystem',
	'Queued',
	'InnerFailure',
	'PreexistingAlert',
	'UnsupportedOs',
	'UnsupportedAlertType',
	'SuppressedAlert',
] as const;

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many automated investigations',
	description: 'List automated investigations, optionally by state, device or start time',
	method: 'GET',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersField([
		{
			displayName: 'State',
			name: 'state',
			type: 'multiOptions',
			options: asOptions(INVESTIGATION_STATES),
			default: [],
			description: 'Only investigations in one of these states',
		},
		{
			displayName: 'Device ID',
			name: 'machineId',
			type: 'string',
			default: '',
			placeholder: `e.g. ${DEVICE_ID_EXAMPLE}`,
			description: 'Only investigations on this device, by its Defender device ID',
		},
		{
			displayName: 'Started After',
			name: 'startedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only investigations started after this time (UTC)',
		},
	]),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['investigation'], operation: ['getAll'] } },
	properties,
);

interface InvestigationFilters {
	state?: string[];
	machineId?: string;
	startedAfter?: string;
}

const buildFilter = (filters: InvestigationFilters): Checked<string> =>
	new DeviceFilterClauses()
		.anyOf('state', filters.state)
		.deviceId('machineId', 'Device ID', filters.machineId)
		.date('startTime', 'gt', 'Started After', filters.startedAfter)
		.result();

export const execute = listOperation<InvestigationFilters>({
	endpoint: API_ENDPOINTS.investigations,
	url: '/api/investigations',
	subject: 'investigations',
	buildFilter,
});
