import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { MACHINE_ACTION_STATUSES, MACHINE_ACTION_TYPES } from '../../shared/enums';
import {
	asOptions,
	filtersField,
	optionsField,
	returnAllAndLimit,
} from '../../../core/operation/fields';
import type { Checked } from '../../../core/operation/checks';
import { DEVICE_ID_EXAMPLE, DeviceFilterClauses } from '../../shared/deviceId';
import { API_ENDPOINTS } from '../../transport/apiCatalog';

import { listOperation } from '../../../core/operation/listShape';
import { simplifyField, simplifying } from '../simplify';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many device actions',
	description: 'List device actions, optionally filtered',
	method: 'GET',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	simplifyField,
	filtersField([
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only actions created after this time (UTC)',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only actions created before this time (UTC)',
		},
		{
			displayName: 'Device ID',
			name: 'machineId',
			type: 'string',
			default: '',
			placeholder: `e.g. ${DEVICE_ID_EXAMPLE}`,
			description:
				'Only actions on this device, by its Defender device ID (40 hexadecimal characters)',
		},
		{
			displayName: 'Requestor',
			name: 'requestor',
			type: 'string',
			default: '',
			description: 'Only actions launched by this user or app',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: asOptions(MACHINE_ACTION_STATUSES),
			default: [],
			description: 'Only actions in one of these statuses',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'multiOptions',
			options: asOptions(MACHINE_ACTION_TYPES),
			default: [],
			description: 'Only actions of one of these types',
		},
	]),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machineAction'], operation: ['getAll'] } },
	properties,
);

export interface MachineActionFilters {
	status?: string[];
	type?: string[];
	machineId?: string;
	requestor?: string;
	createdAfter?: string;
	createdBefore?: string;
}

/** Builds the `$filter` for List device actions; an empty value when no filter is set. */
export function buildMachineActionFilter(filters: MachineActionFilters): Checked<string> {
	return new DeviceFilterClauses()
		.anyOf('status', filters.status)
		.anyOf('type', filters.type)
		.deviceId('machineId', 'Device ID', filters.machineId)
		.equals('requestor', filters.requestor)
		.date('creationDateTimeUtc', 'gt', 'Created After', filters.createdAfter)
		.date('creationDateTimeUtc', 'lt', 'Created Before', filters.createdBefore)
		.result();
}

export const execute = listOperation<MachineActionFilters>({
	simplify: simplifying('machineAction'),
	endpoint: API_ENDPOINTS.listActions,
	url: '/api/machineactions',
	subject: 'device actions',
	buildFilter: buildMachineActionFilter,
});
