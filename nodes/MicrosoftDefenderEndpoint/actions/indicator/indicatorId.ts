import type { IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { ApiClient } from '../../../core/transport/apiClient';

export const indicatorIdField: INodeProperties = {
	displayName: 'Indicator ID',
	name: 'indicatorId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 995',
	description:
		'The numeric ID Defender gave the indicator (the ID field of Get Many or Create or Update)',
};

/** The item's indicator id: Defender's ids are numbers, so anything else is refused before it reaches a URL. */
export function readIndicatorId(ctx: IExecutePaginationFunctions, client: ApiClient): string {
	const raw = ctx.getNodeParameter('indicatorId', '') as unknown;
	const id =
		typeof raw === 'number' && Number.isSafeInteger(raw)
			? String(raw)
			: typeof raw === 'string'
				? raw.trim()
				: '';
	if (!/^\d{1,19}$/.test(id)) {
		throw client.inputError(
			`Item ${client.itemIndex}: Indicator ID must be the number Defender gave the indicator, got ${describeInput(raw)}`,
		);
	}
	return id;
}
