import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import type { Checked } from './checks';
import { optionsField } from './fields';
import type { ApiEndpoint } from '../transport/apiEndpoint';
import type { ApiClient } from '../transport/apiClient';
import { listPages } from '../transport/paging';
import { toItems } from './apiOperation';
import type { ApiOperation } from './apiOperation';

/** The entity an item names, checked: the value that goes into the path, and how messages name it. */
export interface EntityRef {
	id: string;
	/** "device desktop-001.contoso.local", "vulnerability CVE-2024-1234". */
	subject: string;
}

/** How an operation learns which entity an item means: its fields, and the reading that checks them. */
export interface EntityKey {
	fields: INodeProperties[];
	/** Reads and checks the item's value (or resolves a name); an input error, nothing sent, when it is wrong. */
	read(ctx: IExecutePaginationFunctions, client: ApiClient): Promise<EntityRef>;
}

/** A key held in one string field, checked by `check` and named in messages as `noun <value>`. */
export function stringKey(
	field: INodeProperties,
	check: (raw: unknown) => Checked<string>,
	noun: string,
): EntityKey {
	return {
		fields: [field],
		read: async (ctx, client) => {
			const checked = check(ctx.getNodeParameter(field.name, ''));
			if (!checked.ok) throw client.inputError(checked.problem);
			return { id: checked.value, subject: `${noun} ${checked.value}` };
		},
	};
}

/**
 * One GET of one entity's data, declared: `one` answers the entity itself (Get, an alert's user),
 * `list` a collection under it (a device's software), one item per entry, every page followed.
 */
export interface EntityReadSpec {
	resource: string;
	operation: string;
	option: Omit<ApiOperation['option'], 'method'>;
	endpoint: ApiEndpoint;
	key: EntityKey;
	/** The request path for the checked key, e.g. `(id) => \`/api/machines/${id}/software\``. */
	path: (id: string) => string;
	answer: 'one' | 'list';
	/** What the request does, for messages: "read the software of" (device X). */
	verb: string;
}

/** A resource's declared reads, keyed by operation value: the key is the operation, so they cannot disagree. */
export function entityReads<K extends string>(
	resource: string,
	specs: Record<K, Omit<EntityReadSpec, 'resource' | 'operation'>>,
): Record<K, ApiOperation> {
	const operations = {} as Record<K, ApiOperation>;
	for (const operation of Object.keys(specs) as K[]) {
		operations[operation] = entityRead({ ...specs[operation], resource, operation });
	}
	return operations;
}

/** The Operation-list entry, fields and handler of a declared read. */
export function entityRead(spec: EntityReadSpec): ApiOperation {
	return {
		option: { ...spec.option, method: 'GET' },
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[...spec.key.fields, optionsField()],
		),
		execute: async (ctx, client) => {
			const entity = await spec.key.read(ctx, client);
			const request = { method: 'GET' as const, url: spec.path(entity.id) };
			const about = { subject: entity.subject, verb: spec.verb };
			if (spec.answer === 'one') {
				return toItems(client, [await client.call(spec.endpoint, request, about)]);
			}
			// These collections document no $top: every entry, following any next page Defender links.
			const entries: IDataObject[] = await listPages(
				client,
				spec.endpoint,
				request,
				Infinity,
				about,
				{
					sendTop: false,
				},
			);
			return toItems(client, entries);
		},
	};
}
