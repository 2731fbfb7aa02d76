import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../../core/operation/checks';
import { MACHINE_HEALTH_STATUSES, MACHINE_RISK_SCORES } from '../../shared/enums';
import {
	asOptions,
	filtersField,
	optionsField,
	returnAllAndLimit,
} from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { FilterClauses, literal } from '../../../core/transport/odata';
import { checkTag } from '../../shared/lookups';
import { listPages } from '../../../core/transport/paging';
import { toItems } from '../../../core/operation/apiOperation';
import { listLimit, listOperation } from '../../../core/operation/listShape';
import { simplifyField, simplifyIfAsked, simplifying } from '../simplify';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
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
			description:
				'Only devices on this OS platform, as Defender names it (Windows10, Windows11, WindowsServer2022, Linux, macOS, ...)',
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
		{
			displayName: 'Tag Starts With',
			name: 'tagStartsWith',
			type: 'string',
			default: '',
			placeholder: 'e.g. Tier',
			description:
				"Only devices with a tag that starts with this text. Uses Defender's find-by-tag look-up, which takes no other filter.",
		},
	]),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['getAll'] } },
	properties,
);

/** The Filters' display names, for messages. */
const filterLabels = new Map(
	properties
		.flatMap((property) =>
			property.name === 'filters' ? (property.options as INodeProperties[]) : [],
		)
		.map((filter) => [filter.name, filter.displayName]),
);

export interface MachineFilters {
	computerNameEquals?: string;
	computerNameStartsWith?: string;
	healthStatus?: string[];
	riskScore?: string[];
	osPlatform?: string;
	tag?: string;
	tagStartsWith?: string;
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

const listMachines = listOperation<MachineFilters>({
	simplify: simplifying('machine'),
	endpoint: API_ENDPOINTS.machines,
	url: '/api/machines',
	subject: 'devices',
	buildFilter: buildMachineFilter,
	notFoundIsEmpty: true,
});

/** The devices with a tag starting with the text, through `findbytag`, which documents no `$filter` or `$top`. */
const listMachinesByTagPrefix: ApiOperation['execute'] = async (ctx, client) => {
	const { tagStartsWith, ...others } = ctx.getNodeParameter('filters', {}) as MachineFilters;
	const prefix = checkTag(tagStartsWith, 'Filter "Tag Starts With"');
	if (!prefix.ok) throw client.inputError(prefix.problem);
	const combined = Object.entries(others).filter(([, value]) =>
		Array.isArray(value) ? value.length > 0 : String(value ?? '').trim() !== '',
	);
	if (combined.length > 0) {
		const labels = combined.map(([name]) => filterLabels.get(name) ?? name);
		throw client.inputError(
			`Filter "Tag Starts With" cannot be combined with other filters (${labels.join(', ')}): Defender's find-by-tag look-up takes only the tag`,
			'Remove the other filters, or use the exact "Tag" filter, which combines with them.',
		);
	}
	const entries = await listPages(
		client,
		API_ENDPOINTS.findMachinesByTag,
		{
			method: 'GET',
			url: '/api/machines/findbytag',
			qs: { tag: prefix.value, useStartsWithFilter: true },
		},
		listLimit(ctx),
		{ subject: `devices with a tag starting with ${prefix.value}`, verb: 'read' },
		{ sendTop: false, notFoundIsEmpty: true },
	);
	return toItems(client, simplifyIfAsked(ctx, 'machine', entries));
};

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const filters = ctx.getNodeParameter('filters', {}) as MachineFilters;
	const byPrefix = typeof filters.tagStartsWith === 'string' && filters.tagStartsWith.trim() !== '';
	return await (byPrefix ? listMachinesByTagPrefix : listMachines)(ctx, client);
};
