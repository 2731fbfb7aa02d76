import type { IDataObject } from 'n8n-workflow';

import { isOtherRequestor } from '../../core/operation/requestor';
import type { ApiClient } from '../../core/transport/apiClient';
import type { SecurityEntity } from './securityEntity';

/** What a read of the entity says of this run's comment after its answer was lost. */
export type CommentFound =
	| { found: 'yes'; comments: IDataObject[] }
	| { found: 'no' }
	| { found: 'cannotTell'; why: string };

/**
 * Whether the comment list holds this run's comment: the same text, created (on Graph's clock) no
 * earlier than our first POST, and not written by a user or another app. Graph names the author by
 * `createdByDisplayName`: a sign-in name or another app's ID is someone else; an app's display name
 * says nothing either way. A same-text comment whose time cannot be placed leaves it undecided.
 */
export function findOwnComment(
	client: ApiClient,
	entity: IDataObject,
	text: string,
	firstSentAt: number,
): CommentFound {
	const comments = Array.isArray(entity.comments) ? (entity.comments as IDataObject[]) : [];
	const sameText = comments.filter(
		(comment) =>
			comment.comment === text &&
			!isOtherRequestor(String(comment.createdByDisplayName ?? ''), client.appId),
	);
	if (sameText.length === 0) return { found: 'no' };
	const since = client.serviceTime(firstSentAt);
	if (!since.measured)
		return {
			found: 'cannotTell',
			why: "Graph's answers carried no Date header, so the node cannot tell this run's comment from an earlier one with the same text",
		};
	const times = sameText.map((comment) => Date.parse(String(comment.createdDateTime)));
	if (times.some((time) => time >= since.earliest)) return { found: 'yes', comments };
	if (times.some((time) => Number.isNaN(time)))
		return {
			found: 'cannotTell',
			why: 'a comment with the same text has no creation time the node can read',
		};
	return { found: 'no' };
}

/** The error of a comment whose fate cannot be told: it may or may not have been added. */
export const undecidedComment = (
	client: ApiClient,
	entity: SecurityEntity,
	id: string,
	why: string,
): Error =>
	client.inputError(
		`The answer to the comment on ${entity.noun} ${id} was lost, and ${why}: the comment may or may not have been added, so the node did not send it again`,
		`Look at the comments of ${entity.noun} ${id} in Microsoft Defender XDR before running the item again.`,
	);
