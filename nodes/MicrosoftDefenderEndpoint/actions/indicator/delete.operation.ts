import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { isRateLimited } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { indicatorIdField, readIndicatorId } from './indicatorId';

export const option: ApiOperation['option'] = {
	name: 'Delete',
	action: 'Delete an indicator',
	description: 'Remove an indicator by its ID',
	method: 'DELETE',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['delete'] } },
	[indicatorIdField, optionsField()],
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const id = readIndicatorId(ctx, client);
	let answerLost = false;
	const outcome = await client.send(
		API_ENDPOINTS.deleteIndicator,
		{ method: 'DELETE', url: `/api/indicators/${id}` },
		(failure) => {
			if (!isRateLimited(failure)) answerLost = true;
		},
	);
	// A retried delete that finds the indicator gone was deleted by the first attempt.
	if (outcome.ok || (answerLost && outcome.failure.statusCode === 404))
		return toItems(client, [{ id, deleted: true }]);
	throw client.failure(API_ENDPOINTS.deleteIndicator, outcome, {
		subject: `indicator ${id}`,
		verb: 'delete',
	});
};
