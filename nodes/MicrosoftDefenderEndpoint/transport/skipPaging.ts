import type { IDataObject } from 'n8n-workflow';

import type { ApiEndpoint } from './apiCatalog';
import type { DefenderClient, FailureSubject } from './client';
import type { RequestOptions } from './hosts';

/**
 * Reads a list that Defender pages by `$top` and `$skip` alone (its page documents no next link):
 * asks for `pageSize` entries at a time and asks again, `$skip` further, while a page comes back
 * as full as asked. Stops at `limit` without reading a page more.
 */
export async function listBySkip(
	client: DefenderClient,
	endpoint: ApiEndpoint,
	request: RequestOptions,
	limit: number,
	about: FailureSubject,
	pageSize: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	while (results.length < limit) {
		const top = Math.min(pageSize, limit - results.length);
		const outcome = await client.send(endpoint, {
			...request,
			qs: { ...request.qs, $top: top, $skip: results.length },
		});
		if (!outcome.ok) throw client.failure(endpoint, outcome, about);
		const entries = ((outcome.value as { value?: IDataObject[] }).value ?? []).slice(0, top);
		for (const entry of entries) results.push(entry);
		if (entries.length < top) break;
	}
	return results;
}
