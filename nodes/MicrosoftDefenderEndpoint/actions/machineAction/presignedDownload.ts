import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/transport/apiClient';
import { extractHttpFailure } from '../../../core/transport/failures/httpFailure';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';

/** Where a short-lived link points, without its signature (the query string is a credential). */
export const hostOf = (link: string): string => {
	try {
		return new URL(link).origin;
	} catch {
		return 'an invalid link';
	}
};

/** The link in Defender's answer; an answer without one is an error naming `request`. */
export function presignedLink(client: ApiClient, value: unknown, request: string): string {
	if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) {
		throw client.inputError(`Defender answered ${request} without a download link`);
	}
	return value;
}

/** One file behind a pre-signed link Defender gave. */
export interface PresignedDownload {
	/** What the link downloads, as the error names it. */
	subject: string;
	link: string;
	/** Asks Defender for a new link, used once when the storage host refuses the first as expired. */
	renew?: () => Promise<string>;
	/** The hint under the error, given what the storage host answered. */
	hint: (failure: HttpFailure) => string;
}

/** Downloads a pre-signed link without the Defender token: the link's host is not Defender's. */
export async function downloadPresigned(
	ctx: IExecuteSingleFunctions,
	client: ApiClient,
	download: PresignedDownload,
): Promise<Buffer> {
	let link = download.link;
	for (let renewed = false; ; renewed = true) {
		try {
			// A plain request, not the authenticated one: the link is pre-signed.
			const body: unknown = await ctx.helpers.httpRequest({
				method: 'GET',
				url: link,
				encoding: 'arraybuffer',
				json: false,
			});
			return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
		} catch (error) {
			const failure = extractHttpFailure(error);
			// The storage host refuses an expired signature with 403; a new link costs one call.
			if (failure.statusCode === 403 && download.renew && !renewed) {
				link = await download.renew();
				continue;
			}
			throw client.inputError(
				`Could not download ${download.subject} from ${hostOf(link)}: ${
					failure.statusCode ? `HTTP ${failure.statusCode}` : (failure.networkCode ?? 'no answer')
				}`,
				download.hint(failure),
			);
		}
	}
}
