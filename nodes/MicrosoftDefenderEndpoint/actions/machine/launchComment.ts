import type { IExecutePaginationFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/transport/apiClient';

/** The comment Defender requires on a cancel or launch; an empty one is refused before sending. */
export function readComment(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
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
