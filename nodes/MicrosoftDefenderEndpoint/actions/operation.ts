import type {
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Checked } from '../shared/checks';
import type { ApiEndpoint, ApiMethod } from '../transport/apiCatalog';
import type { DefenderClient } from '../transport/client';
import { withoutODataContext } from '../transport/odata';
import { listPages } from '../transport/paging';
import { simplifyIfAsked } from './simplify';
import type { SimplifiedEntity } from './simplify';

/** Runs one item of an operation: reads its parameters, calls Defender through `client`, returns its items. */
export type OperationHandler = (
	ctx: IExecutePaginationFunctions,
	client: DefenderClient,
) => Promise<INodeExecutionData[]>;

/** One operation of a resource: its line in the Operation list, its fields, and what it does. */
export interface DefenderOperation {
	/** The Operation list's entry; its value is the operation's key in the resource file. */
	option: { name: string; action: string; description: string; method: ApiMethod };
	/** The operation's fields, shown only for its resource and operation. */
	description: INodeProperties[];
	execute: OperationHandler;
}

export const toItems = (client: DefenderClient, entries: IDataObject[]): INodeExecutionData[] =>
	entries.map((json) => ({ json: withoutODataContext(json), pairedItem: client.paired }));

/** The comment Defender requires on a cancel or launch; an empty one is refused before sending. */
export function readComment(
	ctx: IExecutePaginationFunctions,
	client: DefenderClient,
	purpose: string,
): string {
	const raw = ctx.getNodeParameter('comment', '') as unknown;
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '') {
		throw client.inputError(
			`Comment is empty: Defender requires a comment explaining why ${purpose}`,
		);
	}
	return text.trim();
}

/** Return All / Limit as a number of entries. */
export const listLimit = (ctx: IExecutePaginationFunctions) =>
	(ctx.getNodeParameter('returnAll', false) as boolean)
		? Infinity
		: (ctx.getNodeParameter('limit', 50) as number);

export interface ListSpec<F> {
	endpoint: ApiEndpoint;
	url: string;
	subject: string;
	buildFilter: (filters: F) => Checked<string>;
	/** Query parameters besides $filter (the alerts' $expand). */
	extraQuery?: (ctx: IExecutePaginationFunctions) => IDataObject;
	/** Which entity's short set of fields Simplify keeps. */
	simplify?: SimplifiedEntity;
	/** The machines list answers 404 when nothing matches. */
	notFoundIsEmpty?: boolean;
	/** The largest $top the API takes, when below Defender's usual 10,000 (vulnerabilities: 8,000). */
	pageSize?: number;
}

/** Get Many of any resource: its Filters as one $filter, Return All / Limit, every page. */
export const listOperation =
	<F>(spec: ListSpec<F>): OperationHandler =>
	async (ctx, client) => {
		const filter = spec.buildFilter(ctx.getNodeParameter('filters', {}) as F);
		if (!filter.ok) throw client.inputError(filter.problem);
		const qs: IDataObject = {
			...(filter.value ? { $filter: filter.value } : {}),
			...spec.extraQuery?.(ctx),
		};
		const entries = await listPages(
			client,
			spec.endpoint,
			{ method: 'GET', url: spec.url, qs },
			listLimit(ctx),
			{ subject: spec.subject, verb: 'read' },
			{ notFoundIsEmpty: spec.notFoundIsEmpty, pageSize: spec.pageSize },
		);
		return toItems(client, spec.simplify ? simplifyIfAsked(ctx, spec.simplify, entries) : entries);
	};
