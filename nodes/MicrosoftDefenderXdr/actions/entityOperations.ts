import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../core/operation/checks';
import { filtersField, optionsField, returnAllAndLimit } from '../../core/operation/fields';
import { toItems } from '../../core/operation/apiOperation';
import { listLimit } from '../../core/operation/listShape';
import type { ApiOperation } from '../../core/operation/apiOperation';
import { FilterClauses } from '../../core/transport/odata';
import { listPages } from '../../core/transport/paging';
import {
	CLASSIFICATIONS,
	GRAPH_HEADERS,
	SEVERITIES,
	readEntityId,
	titleOptions,
} from './securityEntity';
import { entityLocator } from './entityLocator';
import type { SecurityEntity } from './securityEntity';

const show = (entity: SecurityEntity, operation: string) => ({
	show: { resource: [entity.resource], operation: [operation] },
});

const expandAlertsOption: INodeProperties = {
	displayName: 'Include Alerts',
	name: 'expandAlerts',
	type: 'boolean',
	default: false,
	description:
		"Whether to include each incident's alerts ($expand=alerts). On large tenants Graph has answered 500 to this combined with filters.",
};

const expandQuery = (entity: SecurityEntity, options: IDataObject): IDataObject =>
	entity.resource === 'incident' && options.expandAlerts === true ? { $expand: 'alerts' } : {};

/** Get: one incident or alert by its ID. */
export function getOperation(entity: SecurityEntity): ApiOperation {
	const extra = entity.resource === 'incident' ? [expandAlertsOption] : [];
	return {
		option: {
			name: 'Get',
			action: `Get an ${entity.noun}`,
			description: `Get an ${entity.noun} by its ID`,
			method: 'GET',
		},
		description: updateDisplayOptions(show(entity, 'get'), [
			entityLocator(entity),
			optionsField(extra),
		]),
		execute: async (ctx, client) => {
			const id = readEntityId(ctx, client, entity);
			const qs = expandQuery(entity, ctx.getNodeParameter('options', {}) as IDataObject);
			const answer = await client.call(
				entity.read,
				{
					method: 'GET',
					url: `${entity.path}/${encodeURIComponent(id)}`,
					qs,
					headers: GRAPH_HEADERS,
				},
				{ subject: `${entity.noun} ${id}`, verb: 'read' },
			);
			return toItems(client, [answer]);
		},
	};
}

interface EntityFilters {
	status?: string[];
	severity?: string[];
	classification?: string[];
	assignedTo?: string;
	createdAfter?: string;
	updatedAfter?: string;
}

const multi = (
	displayName: string,
	name: string,
	values: readonly string[],
	noun: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'multiOptions',
	options: titleOptions(values),
	default: [],
	description: `Only ${noun}s with one of these values`,
});

/** Each filter value checked against its list (an expression may give anything) and quoted. */
export function buildEntityFilter(entity: SecurityEntity, filters: EntityFilters) {
	for (const [label, values, allowed] of [
		['Status', filters.status, entity.statusFilter],
		['Severity', filters.severity, SEVERITIES],
		['Classification', filters.classification, CLASSIFICATIONS],
	] as const) {
		for (const value of values ?? []) {
			const checked = checkOneOf(value, allowed, `Filter "${label}"`);
			if (!checked.ok) return checked;
		}
	}
	return new FilterClauses()
		.anyOf('status', filters.status)
		.anyOf('severity', filters.severity)
		.anyOf('classification', filters.classification)
		.equals('assignedTo', filters.assignedTo)
		.date('createdDateTime', 'gt', 'Created After', filters.createdAfter)
		.date('lastUpdateDateTime', 'gt', 'Updated After', filters.updatedAfter)
		.result();
}

/** Get Many: filtered, every page by @odata.nextLink up to the limit. */
export function getAllOperation(entity: SecurityEntity): ApiOperation {
	const noun = entity.noun;
	const filters: INodeProperties[] = [
		multi('Status', 'status', entity.statusFilter, noun),
		multi('Severity', 'severity', SEVERITIES, noun),
		multi('Classification', 'classification', CLASSIFICATIONS, noun),
		{
			displayName: 'Assigned To',
			name: 'assignedTo',
			type: 'string',
			default: '',
			description: `Only ${noun}s assigned to this user (email)`,
		},
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: `Only ${noun}s created after this time (UTC)`,
		},
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description: `Only ${noun}s last updated after this time (UTC)`,
		},
	];
	const extra = entity.resource === 'incident' ? [expandAlertsOption] : [];
	return {
		option: {
			name: 'Get Many',
			action: `Get many ${noun}s`,
			description: `List ${noun}s, optionally filtered`,
			method: 'GET',
		},
		description: updateDisplayOptions(show(entity, 'getAll'), [
			...returnAllAndLimit,
			filtersField(filters),
			optionsField(extra),
		]),
		execute: async (ctx, client) => {
			const filter = buildEntityFilter(
				entity,
				ctx.getNodeParameter('filters', {}) as EntityFilters,
			);
			if (!filter.ok) throw client.inputError(filter.problem);
			const qs: IDataObject = {
				...(filter.value ? { $filter: filter.value } : {}),
				...expandQuery(entity, ctx.getNodeParameter('options', {}) as IDataObject),
			};
			const entries = await listPages(
				client,
				entity.read,
				{ method: 'GET', url: entity.path, qs, headers: GRAPH_HEADERS },
				listLimit(ctx),
				{ subject: `${noun}s`, verb: 'read' },
				{ pageSize: entity.pageSize },
			);
			return toItems(client, entries);
		},
	};
}
