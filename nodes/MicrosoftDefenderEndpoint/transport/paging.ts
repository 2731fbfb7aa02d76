import type { IDataObject } from 'n8n-workflow';

import type { ApiEndpoint } from './apiCatalog';
import type { DefenderClient, FailureSubject } from './client';
import type { RequestOptions } from './hosts';

/** Largest page Defender serves. */
export const MAX_PAGE_SIZE = 10_000;

interface ListPage extends IDataObject {
	value?: IDataObject[];
	'@odata.nextLink'?: string;
}

/**
 * Reads a Defender list up to `limit` entries, following `@odata.nextLink` only to the credential's
 * host. `notFoundIsEmpty`: the machines list answers 404 when nothing matches. `sendTop: false` for
 * look-ups that document no `$top` (find by tag or IP): the limit is then applied here only.
 * `pageSize`: the largest `$top` the API takes (Graph's are smaller than Defender's).
 */
export async function listPages(
	client: DefenderClient,
	endpoint: ApiEndpoint,
	request: RequestOptions,
	limit: number,
	about: FailureSubject,
	{ notFoundIsEmpty = false, sendTop = true, pageSize = MAX_PAGE_SIZE } = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const top = sendTop ? { $top: Math.min(limit, pageSize) } : {};
	let pageRequest: RequestOptions = { ...request, qs: { ...request.qs, ...top } };
	for (;;) {
		const outcome = await client.send(endpoint, pageRequest);
		if (!outcome.ok) {
			if (notFoundIsEmpty && outcome.failure.statusCode === 404) return results;
			throw client.failure(endpoint, outcome, about);
		}
		const page = outcome.value as ListPage;
		for (const entry of page.value ?? []) {
			if (results.length >= limit) break;
			results.push(entry);
		}
		const next = page['@odata.nextLink'];
		if (!next || results.length >= limit) return results;
		assertSameOrigin(client, next, endpoint.product);
		pageRequest = { ...request, url: next, qs: {} };
	}
}

/** A link from Defender (a next page) may only take the token back to the credential's own host. */
export function assertSameOrigin(client: DefenderClient, link: string, product = 'Defender'): void {
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
