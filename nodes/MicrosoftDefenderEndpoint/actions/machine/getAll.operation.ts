import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../shared/checks';
import { MACHINE_HEALTH_STATUSES, MACHINE_RISK_SCORES } from '../../shared/enums';
import { asOptions, filtersField, optionsField, returnAllAndLimit } from '../../shared/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { FilterClauses, literal } from '../../transport/odata';
import { listOperation } from '../operation';
import { simplifyField } from '../simplify';
import type { DefenderOperation } from '../operation';

export const option: DefenderOperation['option'] = {
	name: 'Get Many',
	action: 'Get many devices',
	description: 'List devices, optionally filtered by name, health, risk, OS, tag, IP or last seen',
	method: 'GET',
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	simplifyField,
	filtersField([
		{
			displayName: 'Computer Name Equals',
			name: 'computerNameEquals',
			type: 'string',
			default: '',
			placeholder: 'e.g. desktop-001.contoso.com',
			description: 'Only the device with this computer DNS name',
		},
		{
			displayName: 'Computer Name Starts With',
			name: 'computerNameStartsWith',
			type: 'string',
			default: '',
			placeholder: 'e.g. desktop-',
			description: 'Only devices whose computer DNS name starts with this text',
		},
		{
			displayName: 'Health Status',
			name: 'healthStatus',
			type: 'multiOptions',
			options: asOptions(MACHINE_HEALTH_STATUSES),
			default: [],
			description: 'Only devices in one of these health states',
		},
		{
			displayName: 'Last IP Address',
			name: 'lastIpAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10.0.0.12',
			description: 'Only devices whose last internal IP address is this one',
		},
		{
			displayName: 'Last Seen After',
			name: 'lastSeenAfter',
			type: 'dateTime',
			default: '',
			description: 'Only devices seen after this time (UTC)',
		},
		{
			displayName: 'OS Platform',
			name: 'osPlatform',
			type: 'string',
			default: '',
			placeholder: 'e.g. Windows11',
			description: "Only devices on this OS platform, as Defender names it (Windows10, Windows11, WindowsServer2022, Linux, macOS, ...)",
		},
		{
			displayName: 'Risk Score',
			name: 'riskScore',
			type: 'multiOptions',
			options: asOptions(MACHINE_RISK_SCORES),
			default: [],
			description: 'Only devices with one of these risk scores',
		},
		{
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'e.g. finance',
			description: 'Only devices that carry this tag',
		},
	]),
	optionsField(),
];

export const description = updateDisplayOptions({ show: { resource: ['machine'], operation: ['getAll'] } }, properties);

export interface MachineFilters {
	computerNameEquals?: string;
	computerNameStartsWith?: string;
	healthStatus?: string[];
	riskScore?: string[];
	osPlatform?: string;
	tag?: string;
	lastIpAddress?: string;
	lastSeenAfter?: string;
}

/** Builds the `$filter` for List machines; an empty value when no filter is set. */
export function buildMachineFilter(filters: MachineFilters): Checked<string> {
	return new FilterClauses()
		.equals('computerDnsName', filters.computerNameEquals)
		.when(filters.computerNameStartsWith, (text) => `startswith(computerDnsName,${literal(text)})`)
		.anyOf('healthStatus', filters.healthStatus)
		.anyOf('riskScore', filters.riskScore)
		.equals('osPlatform', filters.osPlatform)
		.when(filters.tag, (text) => `machineTags/any(tag: tag eq ${literal(text)})`)
		.equals('lastIpAddress', filters.lastIpAddress)
		.date('lastSeen', 'gt', 'Last Seen After', filters.lastSeenAfter)
		.result();
}

export const execute = listOperation<MachineFilters>({
	simplify: 'machine',
	endpoint: API_ENDPOINTS.machines,
	url: '/api/machines',
	subject: 'devices',
	buildFilter: buildMachineFilter,
	notFoundIsEmpty: true,
});
