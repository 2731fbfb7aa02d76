import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

/** The fields Simplify keeps, per entity; the README's node reference lists the same. */
export const SIMPLIFIED_FIELDS = {
	alert: [
		'id',
		'title',
		'severity',
		'status',
		'classification',
		'determination',
		'category',
		'detectionSource',
		'machineId',
		'computerDnsName',
		'assignedTo',
		'incidentId',
		'alertCreationTime',
		'lastUpdateTime',
		// Only there when Include Evidence asked for it.
		'evidence',
	],
	machine: [
		'id',
		'computerDnsName',
		'osPlatform',
		'healthStatus',
		'riskScore',
		'exposureLevel',
		'lastSeen',
		'lastIpAddress',
		'machineTags',
		'aadDeviceId',
	],
	machineAction: [
		'id',
		'type',
		'status',
		'machineId',
		'computerDnsName',
		'requestor',
		'requestorComment',
		'creationDateTimeUtc',
		'lastUpdateDateTimeUtc',
	],
	// What an analyst reads first: what is blocked or allowed, then when it expires and who added it.
	indicator: [
		'indicatorValue',
		'indicatorType',
		'action',
		'title',
		'severity',
		'expirationTime',
		'id',
		'description',
		'generateAlert',
		'rbacGroupNames',
		'createdBy',
		'creationTimeDateTimeUtc',
		'lastUpdateTime',
	],
} as const;

export type SimplifiedEntity = keyof typeof SIMPLIFIED_FIELDS;

/** Simplify, from version 1.2 on (on by default); versions 1 and 1.1 keep the raw entities. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } },
};

/** Simplify on Indicator Get Many, from version 1.3 on (on by default), so a 1.2 workflow keeps its raw output. */
export const indicatorSimplifyField: INodeProperties = {
	...simplifyField,
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.3 } }] } },
};

const pick = (entity: IDataObject, keys: readonly string[]): IDataObject =>
	Object.fromEntries(keys.filter((key) => key in entity).map((key) => [key, entity[key]]));

/** The entities as the user asked for them: the short set of fields when Simplify is on. */
export function simplifyIfAsked(
	ctx: IExecutePaginationFunctions,
	entity: SimplifiedEntity,
	entries: IDataObject[],
): IDataObject[] {
	// Hidden before 1.2 (1.3 for indicators), so absent: the raw entities, as those versions always gave.
	if (ctx.getNodeParameter('simplify', false) !== true) return entries;
	return entries.map((entry) => pick(entry, SIMPLIFIED_FIELDS[entity]));
}

/** A list's Simplify step for `entity`, as the list shape takes it. */
export const simplifying =
	(entity: SimplifiedEntity) =>
	(ctx: IExecutePaginationFunctions, entries: IDataObject[]): IDataObject[] =>
		simplifyIfAsked(ctx, entity, entries);
