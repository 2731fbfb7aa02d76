import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../core/operation/checks';
import { optionsField } from '../../core/operation/fields';
import type { HttpFailure } from '../../core/transport/failures/httpFailure';
import { isLostResponse } from '../../core/transport/retry/classify';
import { hostClock } from '../../core/transport/hostClock';
import { toItems } from '../../core/operation/apiOperation';
import type { ApiOperation } from '../../core/operation/apiOperation';
import {
	CLASSIFICATIONS,
	DETERMINATIONS,
	GRAPH_HEADERS,
	commentBody,
	readEntityId,
	titleOptions,
} from './securityEntity';
import { entityLocator } from './entityLocator';
import type { SecurityEntity } from './securityEntity';
import { findOwnComment, undecidedComment } from './commentCheck';

const show = (entity: SecurityEntity, operation: string) => ({
	show: { resource: [entity.resource], operation: [operation] },
});

interface UpdateFields {
	status?: string;
	assignedTo?: string;
	classification?: string;
	determination?: string;
	customTags?: string;
}

function updateFieldsOf(entity: SecurityEntity): INodeProperties {
	const fields: INodeProperties[] = [
		{
			displayName: 'Assigned To',
			name: 'assignedTo',
			type: 'string',
			default: '',
			description: 'The owner, usually an email address',
		},
		{
			displayName: 'Classification',
			name: 'classification',
			type: 'options',
			options: titleOptions(CLASSIFICATIONS),
			default: 'truePositive',
		},
		{
			displayName: 'Determination',
			name: 'determination',
			type: 'options',
			options: titleOptions(DETERMINATIONS),
			default: 'other',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: titleOptions(entity.statuses),
			default: 'resolved',
		},
	];
	if (entity.resource === 'incident') {
		fields.push({
			displayName: 'Custom Tags',
			name: 'customTags',
			type: 'string',
			default: '',
			// Graph probably replaces the whole list [U]: what is given here becomes the incident's tags.
			description: "Comma-separated tags; they replace the incident's custom tags",
		});
	}
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: fields,
	};
}

/** The PATCH body: only the fields given, each checked; an empty update is refused before sending. */
export function updateBody(
	entity: SecurityEntity,
	fields: UpdateFields,
): { ok: true; value: IDataObject } | { ok: false; problem: string } {
	const body: IDataObject = {};
	for (const [name, label, allowed] of [
		['status', 'Status', entity.statuses],
		['classification', 'Classification', CLASSIFICATIONS],
		['determination', 'Determination', DETERMINATIONS],
	] as const) {
		if (fields[name] === undefined) continue;
		const checked = checkOneOf(fields[name], allowed, label);
		if (!checked.ok) return checked;
		body[name] = checked.value;
	}
	if (fields.assignedTo !== undefined) body.assignedTo = String(fields.assignedTo).trim();
	if (fields.customTags !== undefined) {
		body.customTags = String(fields.customTags)
			.split(',')
			.map((tag) => tag.trim())
			.filter((tag) => tag !== '');
	}
	if (Object.keys(body).length === 0)
		return { ok: false, problem: `Nothing to update: add at least one field under Update Fields` };
	return { ok: true, value: body };
}

/** Update: PATCH the fields given; sending it twice sets the same values, so a lost answer is resent. */
export function updateOperation(entity: SecurityEntity): ApiOperation {
	return {
		option: {
			name: 'Update',
			action: `Update an ${entity.noun}`,
			description: `Change an ${entity.noun}'s status, owner or classification`,
			method: 'PATCH',
		},
		description: updateDisplayOptions(show(entity, 'update'), [
			entityLocator(entity),
			updateFieldsOf(entity),
			optionsField(),
		]),
		execute: async (ctx, client) => {
			const id = readEntityId(ctx, client, entity);
			const body = updateBody(entity, ctx.getNodeParameter('updateFields', {}) as UpdateFields);
			if (!body.ok) throw client.inputError(body.problem);
			const answer = await client.call(
				entity.update,
				{
					method: 'PATCH',
					url: `${entity.path}/${encodeURIComponent(id)}`,
					body: body.value,
					headers: GRAPH_HEADERS,
				},
				{ subject: `${entity.noun} ${id}`, verb: 'update' },
			);
			return toItems(client, [answer]);
		},
	};
}

const commentField: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
};

/** Add Comment: one item with the whole comment list Graph answers; a lost answer is resent only if this run's comment is not there (commentCheck.ts). */
export function addCommentOperation(entity: SecurityEntity): ApiOperation {
	return {
		option: {
			name: 'Add Comment',
			action: `Add a comment to an ${entity.noun}`,
			description: `Add a comment to an ${entity.noun}`,
			method: 'POST',
		},
		description: updateDisplayOptions(show(entity, 'addComment'), [
			entityLocator(entity),
			commentField,
			optionsField(),
		]),
		execute: async (ctx, client) => {
			const id = readEntityId(ctx, client, entity);
			const raw = ctx.getNodeParameter('comment', '') as unknown;
			const comment = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
			if (comment === '')
				throw client.inputError(`Comment is empty: write the text to add to ${entity.noun} ${id}`);
			const about = { subject: `${entity.noun} ${id}`, verb: 'comment on' };
			const url = `${entity.path}/${encodeURIComponent(id)}`;
			// A comment is not idempotent: before a resend, read the entity and stop if this run's comment arrived after all.
			const sentAt = hostClock.now();
			const beforeResend = async (failure: HttpFailure) => {
				// A rate limit or refusal was answered: the comment was not added, so it is simply sent again.
				if (!isLostResponse(failure)) return undefined;
				const current = await client.send(entity.read, { method: 'GET', url });
				if (!current.ok)
					throw undecidedComment(client, entity, id, `the node could not read the ${entity.noun}`);
				// Read after the entity's answer, whose Date tells Graph's clock at our first POST.
				const own = findOwnComment(client, current.value, comment, sentAt);
				if (own.found === 'cannotTell') throw undecidedComment(client, entity, id, own.why);
				return own.found === 'yes' ? { value: own.comments } : undefined;
			};
			const outcome = await client.send(
				entity.comment,
				{ method: 'POST', url: `${url}/comments`, body: commentBody(comment) },
				undefined,
				beforeResend,
			);
			if (!outcome.ok) throw client.failure(entity.comment, outcome, about);
			return toItems(client, [{ id, comments: outcome.value.value ?? [] }]);
		},
	};
}
