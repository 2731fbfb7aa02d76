import type { IDataObject } from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient, FailureSubject } from '../../../core/transport/apiClient';
import { readErrorBody } from '../../../core/transport/failures/httpFailure';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { literal } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import { isLostResponse } from '../../../core/transport/retry/classify';

/** Defender's tenant cap on active indicators; indicators-overview says it cannot be raised. */
export const ACTIVE_INDICATOR_LIMIT = 15_000;

/** Defender does not document its answer past the cap [U]: recognise it by its words. */
export const isLimitReason = (text: string | undefined | null): boolean =>
	/maximum|limit|quota|exceed/i.test(text ?? '') && /indicator/i.test(text ?? '');

export const limitExplanation = (reason: string) => ({
	message: `Defender refused the indicator: the tenant already has its maximum of ${ACTIVE_INDICATOR_LIMIT.toLocaleString('en-US')} active indicators`,
	description: `Delete indicators that are no longer needed (Indicator → Delete Many), or give new ones an Expiration. Defender said: ${reason}`,
});

/** The failure wording for one indicator, with the tenant cap spelled out when Defender hit it. */
export function indicatorSubject(
	failure: HttpFailure | undefined,
	subject: string,
	verb: string,
): FailureSubject {
	const reason = failure?.statusCode === 400 ? readErrorBody(failure.body).message : undefined;
	return {
		subject,
		verb,
		...(reason && isLimitReason(reason) ? { explanation: limitExplanation(reason) } : {}),
	};
}

/** Values per look-up: keeps the URL well under what proxies accept. */
const VALUES_PER_LOOKUP = 25;

/** The indicators of these values (and type) Defender lists as changed since `since`: what a lost submission did. */
export async function findSubmitted(
	client: ApiClient,
	type: string,
	values: string[],
	since: number,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	for (let start = 0; start < values.length; start += VALUES_PER_LOOKUP) {
		const chunk = values.slice(start, start + VALUES_PER_LOOKUP);
		const anyValue = chunk.map((value) => `indicatorValue eq ${literal(value)}`).join(' or ');
		found.push(
			...(await listPages(
				client,
				API_ENDPOINTS.listIndicators,
				{
					method: 'GET',
					url: '/api/indicators',
					qs: { $filter: `indicatorType eq ${literal(type)} and (${anyValue})` },
				},
				chunk.length * 2,
				{ subject: `the ${type} indicators just submitted`, verb: 'read' },
			)),
		);
	}
	// On Defender's clock, as the look-up's own Date header tells it (else the host's, less CLOCK_SKEW_MS).
	const after = client.serviceTime(since).earliest;
	return found.filter((indicator) => Date.parse(String(indicator.lastUpdateTime)) >= after);
}

/**
 * Whether Defender created the indicator for this request rather than updating one it had: its
 * creation time is no earlier than our first send, on Defender's clock as the answers' Date headers
 * tell it (without any, the host's clock less CLOCK_SKEW_MS).
 */
export function createdSince(client: ApiClient, indicator: IDataObject, sentAt: number): boolean {
	const created = Date.parse(String(indicator.creationTimeDateTimeUtc));
	return !Number.isNaN(created) && created >= client.serviceTime(sentAt).earliest;
}

/**
 * Creates or updates one indicator; the answer gains `created` (true: new, false: updated). A lost answer is checked before the request is sent again:
 * when Defender lists the indicator as updated since, that is the answer.
 */
export async function submitIndicator(client: ApiClient, body: IDataObject): Promise<IDataObject> {
	const value = String(body.indicatorValue);
	const subject = `indicator ${value}`;
	const firstSentAt = hostClock.now();
	const findOwn = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
		if (!isLostResponse(failure)) return undefined;
		try {
			const [own] = await findSubmitted(client, String(body.indicatorType), [value], firstSentAt);
			return own;
		} catch (error) {
			throw client.inputError(
				`The answer to the submission of ${subject} was lost, and the node could not check whether Defender took it, so it did not send it again`,
				`Look the indicator up in Defender before running the item again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	};
	const outcome = await client.send(
		API_ENDPOINTS.submitIndicator,
		{
			method: 'POST',
			url: '/api/indicators',
			headers: { 'Content-Type': 'application/json' },
			body,
		},
		undefined,
		findOwn,
	);
	if (outcome.ok)
		return { ...outcome.value, created: createdSince(client, outcome.value, firstSentAt) };
	throw client.failure(
		API_ENDPOINTS.submitIndicator,
		outcome,
		indicatorSubject(outcome.failure, subject, 'create or update'),
	);
}
