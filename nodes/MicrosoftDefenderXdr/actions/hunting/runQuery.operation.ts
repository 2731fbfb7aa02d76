import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import { optionsField } from '../../../core/operation/fields';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import type { Explanation } from '../../../core/transport/failures/wording';
import { readErrorBody } from '../../../core/transport/failures/httpFailure';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { GRAPH_ENDPOINTS } from '../../transport/graphCatalog';
import { readHuntingAnswer, typedRow } from './huntingResults';

export const option: ApiOperation['option'] = {
	name: 'Run Query',
	action: 'Run an advanced hunting query',
	description: 'Run a KQL advanced hunting query over the last 30 days of data at most',
	method: 'POST',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'DeviceProcessEvents | where SHA256 == "..." | project DeviceName, Timestamp',
		description: 'The KQL query. Graph returns at most 100,000 rows.',
	},
	{
		displayName: 'Timespan',
		name: 'timespan',
		type: 'string',
		default: '',
		// An example in the box reads as a value already given; it goes under the field instead.
		hint: 'Empty: the last 30 days. For example P7D (7 days), PT12H (12 hours), or a start/end interval.',
		description:
			"ISO 8601 duration or interval the query covers (P7D, or 2026-11-01T00:00:00Z/2026-11-08T00:00:00Z). Empty: Graph's default of 30 days.",
	},
	optionsField([
		{
			displayName: 'One Item With All Rows',
			name: 'allRowsInOneItem',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item holding every row and the schema, instead of one item per row',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['hunting'], operation: ['runQuery'] } },
	properties,
);

// Durations (P7D, PT12H), instants and intervals: ISO 8601 characters only.
const TIMESPAN_PATTERN = /^[0-9PTYMWDHS:.,+\-Z/]{2,64}$/i;

/** Graph's answers to a query it could not run, worded as what the user must change (the texts are not documented [U]). */
function explainHuntingFailure(failure: HttpFailure): Explanation | undefined {
	const graph = readErrorBody(failure.body);
	const said = graph.message ?? '';
	if (failure.statusCode === 429) {
		return {
			message: `Microsoft Graph refused the query: the tenant's hunting quota is used up${said ? `: ${said}` : ''}`,
			description:
				'Hunting allows about 45 calls a minute per tenant and a CPU quota per 15-minute cycle. Wait until it resets (the message says when), run the query less often, or narrow it (a shorter Timespan, fewer tables, an early where).',
		};
	}
	if (
		failure.statusCode === 408 ||
		failure.statusCode === 504 ||
		/timeout|timed out|exceeded the allowed/i.test(said)
	) {
		return {
			message: `The query took longer than Graph allows (3 minutes)${said ? `: ${said}` : ''}`,
			description:
				'Narrow it: a shorter Timespan, a where before any join or summarize, fewer columns (project), or a take.',
		};
	}
	if (failure.statusCode === 400) {
		return {
			message: `Microsoft Graph could not run the query${said ? `: ${said}` : ''}`,
			description:
				'Fix the KQL in Query (table and column names are case-sensitive), or the Timespan if it is named.',
		};
	}
	return undefined;
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const rawQuery = ctx.getNodeParameter('query', '') as unknown;
	const query = typeof rawQuery === 'string' ? rawQuery.trim() : '';
	if (query === '') throw client.inputError('Query is empty: write the KQL to run');
	const rawTimespan = ctx.getNodeParameter('timespan', '') as unknown;
	const timespan = typeof rawTimespan === 'string' ? rawTimespan.trim() : '';
	if (timespan !== '' && !TIMESPAN_PATTERN.test(timespan)) {
		throw client.inputError(
			`Timespan must be an ISO 8601 duration or interval such as P7D, got ${describeInput(rawTimespan)}`,
		);
	}
	const body: IDataObject = { Query: query, ...(timespan ? { Timespan: timespan } : {}) };
	const endpoint = GRAPH_ENDPOINTS.runHuntingQuery;
	const outcome = await client.send(endpoint, {
		method: 'POST',
		url: '/v1.0/security/runHuntingQuery',
		body,
		// A query may hold non-ANSI characters: the doc asks for an explicit charset then.
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
	if (!outcome.ok) {
		const explanation = outcome.failure.tokenError
			? undefined
			: explainHuntingFailure(outcome.failure);
		throw client.failure(endpoint, outcome, {
			subject: 'the hunting query',
			verb: 'run',
			explanation,
		});
	}
	const { columns, rows } = readHuntingAnswer(outcome.value);
	const typedRows = rows.map((row) => typedRow(row, columns));
	const options = ctx.getNodeParameter('options', {}) as { allRowsInOneItem?: boolean };
	if (options.allRowsInOneItem === true) {
		return [
			{
				json: { schema: columns, rowCount: typedRows.length, rows: typedRows },
				pairedItem: client.paired,
			},
		];
	}
	return typedRows.map((json) => ({ json, pairedItem: client.paired }));
};
