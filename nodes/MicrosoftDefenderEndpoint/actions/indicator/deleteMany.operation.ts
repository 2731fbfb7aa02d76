import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { isRateLimited } from '../../../core/transport/retry/classify';
import type { SendOutcome } from '../../../core/transport/retry/loop';
import { ItemBatcher, batchRunOf } from '../../../core/routing/itemBatch';
import type { BatchEntry } from '../../../core/routing/itemBatch';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { indicatorIdField, readIndicatorId } from './indicatorId';

/** Ids one BatchDelete call takes (batch-delete-ti-indicators). */
export const DELETE_BATCH_SIZE = 500;

export const option: ApiOperation['option'] = {
	name: 'Delete Many',
	action: 'Delete many indicators',
	description:
		"Remove the indicator of every input item's ID, 500 per call; each item gets its own result",
	method: 'POST',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['deleteMany'] } },
	[indicatorIdField, optionsField()],
);

interface DeleteEntry {
	id: string;
	client: ApiClient;
}

type Failed = Extract<SendOutcome<IDataObject>, { ok: false }>;
type DeleteResult = { ok: true; result: IDataObject } | { ok: false; outcome: Failed };

/**
 * Deletes the ids in as few calls as Defender allows. Defender answers 404 for the whole call when
 * one id is unknown, so such a batch is split in halves until the unknown ids stand alone. A
 * resend after a lost answer that finds an id gone counts it deleted: the first call deleted it.
 */
async function deleteIds(
	client: ApiClient,
	ids: string[],
	afterLostAnswer = false,
): Promise<Array<IDataObject | Failed>> {
	let answerLost = afterLostAnswer;
	const outcome = await client.send(
		API_ENDPOINTS.batchDeleteIndicators,
		{
			method: 'POST',
			url: '/api/indicators/BatchDelete',
			headers: { 'Content-Type': 'application/json' },
			body: { IndicatorIds: ids },
		},
		(failure) => {
			if (!isRateLimited(failure)) answerLost = true;
		},
	);
	if (outcome.ok || (answerLost && outcome.failure.statusCode === 404 && ids.length === 1)) {
		return ids.map((id) => ({ id, deleted: true, failureReason: null }));
	}
	if (outcome.failure.statusCode !== 404) return ids.map(() => outcome);
	if (ids.length === 1)
		return [{ id: ids[0], deleted: false, failureReason: `Indicator ${ids[0]} was not found` }];
	const half = Math.ceil(ids.length / 2);
	return [
		...(await deleteIds(client, ids.slice(0, half), answerLost)),
		...(await deleteIds(client, ids.slice(half), answerLost)),
	];
}

async function sendDeletes(entries: Array<BatchEntry<DeleteEntry>>): Promise<DeleteResult[]> {
	const client =
		entries.find((entry) => !entry.input.client.signal?.aborted)?.input.client ??
		entries[0].input.client;
	// The same id twice in one call is sent once; each of its items gets the answer.
	const ids = [...new Set(entries.map((entry) => entry.input.id))];
	const answers = await deleteIds(client, ids);
	const byId = new Map(ids.map((id, at) => [id, answers[at]]));
	return entries.map((entry) => {
		const answer = byId.get(entry.input.id) as IDataObject | Failed;
		return 'failure' in answer && answer.ok === false
			? { ok: false, outcome: answer as Failed }
			: { ok: true, result: answer as IDataObject };
	});
}

const deleter = new ItemBatcher<DeleteEntry, DeleteResult>({
	size: DELETE_BATCH_SIZE,
	send: sendDeletes,
});

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const answer = await deleter.join(batchRunOf(ctx), {
		itemIndex: client.itemIndex,
		signal: client.signal,
		prepare: () => ({ id: readIndicatorId(ctx, client), client }),
	});
	if (answer.ok) return toItems(client, [answer.result]);
	throw client.failure(API_ENDPOINTS.batchDeleteIndicators, answer.outcome, {
		subject: `indicator ${readIndicatorId(ctx, client)}`,
		verb: 'delete',
	});
};
