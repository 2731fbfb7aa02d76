import type { IDataObject } from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import type { SendOutcome } from '../../../core/transport/retry/loop';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { ItemBatcher, batchRunOf } from '../../../core/routing/itemBatch';
import type { BatchEntry } from '../../../core/routing/itemBatch';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { indicatorDescription } from './indicatorFields';
import { readIndicator } from './indicatorInput';
import { findSubmitted, indicatorSubject, isLimitReason, limitExplanation } from './submit';

/** Indicators one import call takes (import-ti-indicators). */
export const IMPORT_BATCH_SIZE = 500;

export const option: ApiOperation['option'] = {
	name: 'Create Many',
	action: 'Create or update many indicators',
	description:
		'Every input item becomes an indicator, sent to Defender 500 per call; each item gets its own result, with the reason when Defender refused it',
	method: 'POST',
};

export const description = indicatorDescription('import');

interface ImportEntry {
	body: IDataObject;
	client: ApiClient;
}

type ImportResult =
	| { ok: true; result: IDataObject }
	| { ok: false; outcome: Extract<SendOutcome<IDataObject>, { ok: false }> };

const key = (value: unknown) => String(value).toLowerCase();

/** Defender's per-indicator results, matched to the entries by value, in order. */
function matchResults(
	bodies: IDataObject[],
	results: IDataObject[],
): Array<IDataObject | undefined> {
	const byValue = new Map<string, IDataObject[]>();
	for (const result of results)
		byValue.set(key(result.indicator), [...(byValue.get(key(result.indicator)) ?? []), result]);
	return bodies.map((body) => byValue.get(key(body.indicatorValue))?.shift());
}

/** After a lost answer: the indicators Defender lists as updated since the call are its answer, the rest are sent again. */
async function findImported(
	client: ApiClient,
	bodies: IDataObject[],
	since: number,
): Promise<IDataObject | undefined> {
	const found: IDataObject[] = [];
	for (const type of new Set(bodies.map((body) => String(body.indicatorType)))) {
		const values = bodies
			.filter((body) => body.indicatorType === type)
			.map((body) => String(body.indicatorValue));
		found.push(...(await findSubmitted(client, type, values, since)));
	}
	if (found.length === 0) return undefined;
	return {
		value: found.map((indicator) => ({
			id: indicator.id,
			indicator: indicator.indicatorValue,
			isFailed: false,
			failureReason: null,
		})),
	};
}

/** One import call per batch; a batch whose answer was lost sends again only what Defender does not list. */
async function sendImport(entries: Array<BatchEntry<ImportEntry>>): Promise<ImportResult[]> {
	const client =
		entries.find((entry) => !entry.input.client.signal?.aborted)?.input.client ??
		entries[0].input.client;
	const results: Array<IDataObject | undefined> = entries.map(() => undefined);
	let foundAfterLoss = false;
	// A second round only sends what a lost answer's look-up did not find; an answer that names no result for an entry is not resent.
	for (let round = 0; round === 0 || (round === 1 && foundAfterLoss); round++) {
		foundAfterLoss = false;
		const open = entries.map((_, at) => at).filter((at) => results[at] === undefined);
		if (open.length === 0) break;
		const bodies = open.map((at) => entries[at].input.body);
		const sentAt = hostClock.now();
		const lookUp = async (failure: HttpFailure) => {
			if (!isLostResponse(failure)) return undefined;
			try {
				const found = await findImported(client, bodies, sentAt);
				foundAfterLoss = found !== undefined;
				return found;
			} catch (error) {
				throw client.inputError(
					`The answer to an import of ${bodies.length} indicators was lost, and the node could not check which Defender took, so it did not send them again`,
					`Look the indicators up in Defender before running the items again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
		};
		const outcome = await client.send(
			API_ENDPOINTS.importIndicators,
			{
				method: 'POST',
				url: '/api/indicators/import',
				headers: { 'Content-Type': 'application/json' },
				body: { Indicators: bodies },
			},
			undefined,
			lookUp,
		);
		if (!outcome.ok)
			return entries.map((_, at) =>
				results[at] ? { ok: true, result: results[at] } : { ok: false, outcome },
			);
		const answered = Array.isArray(outcome.value.value)
			? (outcome.value.value as IDataObject[])
			: [];
		matchResults(bodies, answered).forEach((result, at) => (results[open[at]] = result));
	}
	return entries.map((entry, at) => {
		const result = results[at];
		const shown = {
			indicatorValue: entry.input.body.indicatorValue,
			indicatorType: entry.input.body.indicatorType,
			action: entry.input.body.action,
		};
		if (!result) {
			return {
				ok: true,
				result: {
					...shown,
					id: null,
					isFailed: true,
					failureReason: 'Defender returned no result for this indicator',
				},
			};
		}
		const reason = typeof result.failureReason === 'string' ? result.failureReason : null;
		const limit =
			result.isFailed === true && isLimitReason(reason)
				? { limitReached: true, failure: limitExplanation(reason ?? '').message }
				: {};
		return {
			ok: true,
			result: {
				id: result.id ?? null,
				...shown,
				isFailed: result.isFailed === true,
				failureReason: reason,
				...limit,
			},
		};
	});
}

const importer = new ItemBatcher<ImportEntry, ImportResult>({
	size: IMPORT_BATCH_SIZE,
	send: sendImport,
});

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const answer = await importer.join(batchRunOf(ctx), {
		itemIndex: client.itemIndex,
		signal: client.signal,
		prepare: () => ({ body: readIndicator(ctx, client), client }),
	});
	if (answer.ok) return toItems(client, [answer.result]);
	throw client.failure(
		API_ENDPOINTS.importIndicators,
		answer.outcome,
		indicatorSubject(answer.outcome.failure, 'the indicators', 'import'),
	);
};
