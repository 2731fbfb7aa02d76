import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import type { Checked } from './checks';
import type { ApiEndpoint } from '../transport/apiEndpoint';
import { listPages } from '../transport/paging';
import { toItems } from './apiOperation';
import type { OperationHandler } from './apiOperation';

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
	/** The entries as output: the short set of fields when the user asked Simplify. */
	simplify?: (ctx: IExecutePaginationFunctions, entries: IDataObject[]) => IDataObject[];
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
		return toItems(client, spec.simplify ? spec.simplify(ctx, entries) : entries);
	};
