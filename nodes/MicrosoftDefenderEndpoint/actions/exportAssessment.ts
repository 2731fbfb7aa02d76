import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField, returnAllAndLimit } from '../../core/operation/fields';
import type { ApiEndpoint } from '../../core/transport/apiEndpoint';
import { listPages } from '../../core/transport/paging';
import { listLimit } from '../../core/operation/listShape';
import { toItems } from '../../core/operation/apiOperation';
import type { ApiOperation } from '../../core/operation/apiOperation';
import { assertPassableRows, rowsToRead } from '../../core/routing/itemOutputCap';

/** Defender's export assessments serve 50,000 rows a page unless asked otherwise, and at most 200,000. */
export const EXPORT_DEFAULT_PAGE_SIZE = 50_000;
export const EXPORT_MAX_PAGE_SIZE = 200_000;

/** One export assessment in its paged JSON form (`GET /api/machines/<Export>ByMachine?pageSize=`). */
export interface ExportAssessmentSpec {
	resource: string;
	operation: string;
	option: Omit<ApiOperation['option'], 'method'>;
	endpoint: ApiEndpoint;
	url: string;
	/** The rows, as messages name them: "software vulnerability rows". */
	rows: string;
	/** Roughly how large one row is, for the Page Size hint: Defender states 1 KB and 0.5 KB. */
	rowSize: string;
}

const pageSizeField = (rowSize: string): INodeProperties => ({
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: EXPORT_MAX_PAGE_SIZE, numberPrecision: 0 },
	default: EXPORT_DEFAULT_PAGE_SIZE,
	description: `Rows Defender sends per call (at most 200,000; each row is about ${rowSize}). Larger pages mean fewer calls against the 30 a minute this export allows; with a Limit below it, only the Limit is asked for.`,
});

/** Reads the page size the user set; anything outside 1 to 200,000 is refused before sending. */
function pageSizeOf(raw: unknown): number | undefined {
	return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= EXPORT_MAX_PAGE_SIZE
		? raw
		: undefined;
}

/**
 * An export assessment's operation: every page followed by `@odata.nextLink` (only to the
 * credential's host), paced by the catalog's limits, stopped as soon as the Limit is reached.
 * `$top` is never sent: Defender then answers without a next link.
 */
export function exportAssessment(spec: ExportAssessmentSpec): ApiOperation {
	return {
		option: { ...spec.option, method: 'GET' },
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[...returnAllAndLimit, pageSizeField(spec.rowSize), optionsField()],
		),
		execute: async (ctx, client) => {
			const raw = ctx.getNodeParameter('pageSize', EXPORT_DEFAULT_PAGE_SIZE) as unknown;
			const pageSize = pageSizeOf(raw);
			if (pageSize === undefined)
				throw client.inputError(
					`Page Size must be a whole number from 1 to 200,000, got ${JSON.stringify(raw)}`,
				);
			const wanted = rowsToRead(listLimit(ctx));
			const rows = await listPages(
				client,
				spec.endpoint,
				{ method: 'GET', url: spec.url, qs: { pageSize: Math.min(pageSize, wanted) } },
				wanted,
				{ subject: `the ${spec.rows} export`, verb: 'read' },
				{ sendTop: false },
			);
			assertPassableRows(
				client,
				rows,
				spec.rows,
				"Set a Limit, or use Defender's export via files for organisations this large",
			);
			return toItems(client, rows);
		},
	};
}
