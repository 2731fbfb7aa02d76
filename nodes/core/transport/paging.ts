import type { IDataObject } from 'n8n-workflow';

import type { ApiEndpoint } from './apiEndpoint';
import type { ApiClient, FailureSubject } from './apiClient';
import type { RequestOptions } from './apiHost';

/** Largest page Defender serves. */
export const MAX_PAGE_SIZE = 10_000;

interface ListPage extends IDataObject {
	value?: IDataObject[];
	'@odata.nextLink'?: string;
}

/**
 * Reads a Defender list up to `limit` entries, following `@odata.nextLink` only to the credential's
 * host, and, for an API that pages by `$skip` (`endpoint.pagesBySkip`), asking for the next page with
 * `$skip` while a page without a next link comes back full; each `$top` asks for no more than the
 * limit still wants. `notFoundIsEmpty`: the machines list answers 404 when nothing matches.
 * `sendTop: false` for look-ups that document no `$top` (find by tag or IP): the limit is then
 * applied here only. `pageSize`: the largest `$top` the API takes (Graph's are smaller than Defender's).
 */
export async function listPages(
	client: ApiClient,
	endpoint: ApiEndpoint,
	request: RequestOptions,
	limit: number,
	about: FailureSubject,
	{ notFoundIsEmpty = false, sendTop = true, pageSize = MAX_PAGE_SIZE } = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const topFor = (wanted: number) => Math.min(wanted, pageSize);
	let top = topFor(limit);
	let pageRequest: RequestOptions = {
		...request,
		qs: { ...request.qs, ...(sendTop ? { $top: top } : {}) },
	};
	for (;;) {
		const outcome = await client.send(endpoint, pageRequest);
		if (!outcome.ok) {
			if (notFoundIsEmpty && outcome.failure.statusCode === 404) return results;
			throw client.failure(endpoint, outcome, about);
		}
		const page = outcome.value as ListPage;
		const entries = page.value ?? [];
		for (const entry of entries) {
			if (results.length >= limit) break;
			results.push(entry);
		}
		if (results.length >= limit) return results;
		const next = page['@odata.nextLink'];
		if (next) {
			assertSameOrigin(client, next, endpoint.product);
			pageRequest = { ...request, url: next, qs: {} };
			continue;
		}
		// No next link: a full page of a $skip list may have more behind it; a short one is the end.
		if (!endpoint.pagesBySkip || !sendTop || entries.length === 0 || entries.length < top)
			return results;
		top = topFor(limit - results.length);
		pageRequest = { ...request, qs: { ...request.qs, $top: top, $skip: results.length } };
	}
}

/** A link from the service (a next page) may only take the token back to the credential's own host. */
export function assertSameOrigin(client: ApiClient, link: string, product: string): void {
	let origin: string | undefined;
	try {
		origin = new URL(link).origin;
	} catch {
		origin = undefined;
	}
	const expected = new URL(client.apiBaseUrl).origin;
	if (origin !== expected) {
		throw client.inputError(
			`Refusing to send credentials to an unexpected host: ${product}'s next page link points to ${JSON.stringify(origin ?? link)}, not ${expected}`,
		);
	}
}
