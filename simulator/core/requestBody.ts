import type { IncomingMessage } from 'node:http';

import { HttpProblem } from './httpProblem';

/** The JSON object a POST or PATCH carries; Defender wants application/json and reads keys case-sensitively. */
export function jsonBody(req: IncomingMessage, body: string): Record<string, unknown> {
	const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (contentType !== 'application/json') {
		throw new HttpProblem(
			415,
			'UnsupportedMediaType',
			`Content-Type must be application/json, got '${contentType}'`,
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		throw new HttpProblem(400, 'InvalidRequestBody', 'Request body is not valid JSON');
	}
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as Record<string, unknown>)
		: {};
}

/** The `Comment` every machine action and cancel requires. */
export function requireComment(params: Record<string, unknown>): string {
	const comment = params.Comment;
	if (typeof comment !== 'string' || comment.trim() === '') {
		throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Comment' is required");
	}
	return comment;
}
