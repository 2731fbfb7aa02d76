import type { IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/transport/apiClient';

/** The comment Defender requires on a cancel or launch; an empty one is refused before sending. */
export function readComment(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
	purpose: string,
): string {
	const raw = ctx.getNodeParameter('comment', '') as unknown;
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '') {
		throw client.inputError(
			`Comment is empty: Defender requires a comment explaining why ${purpose}`,
		);
	}
	return text.trim();
}

/** The required Comment field of a cancel, launch, investigation or live response, told apart by what it is for. */
export function requiredCommentField(text: {
	placeholder: string;
	description: string;
	/** What Defender refuses without a comment: "the cancel", "live response". */
	refused: string;
}): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		default: '',
		placeholder: text.placeholder,
		description: text.description,
		// n8n 2.40 marks no node field as required on screen, so the field says it.
		hint: `Required: Defender refuses ${text.refused} without a comment`,
	};
}
