import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject, NodeError } from 'n8n-workflow';

import type { ApiEndpoint } from '../apiEndpoint';
import { readErrorBody } from './httpFailure';
import type { ErrorBodyParts, HttpFailure } from './httpFailure';

export interface FailureContext {
	itemIndex: number;
	/** What the request was about, as a sentence names it: "machine action <id>", "device <name>". */
	subject: string;
	/** What the node was doing, for a 403: "cancel", "read", "isolate". */
	verb: string;
	endpoint: ApiEndpoint;
	retries?: { attempts: number; waitedMs: number; nextWaitMs?: number };
	/** The caller's own wording, when it found out more than the HTTP status says (an action already final). */
	explanation?: Explanation;
	/** Extra facts for the error's details. */
	details?: JsonObject;
}

export interface Explanation {
	message: string;
	description?: string;
}

/** Who answered, as messages name it: the API's own product (Defender, Microsoft Graph). */
const productOf = (ctx: FailureContext) => ctx.endpoint.product;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const withServiceMessage = (text: string, answer: ErrorBodyParts) =>
	answer.message ? `${text}: ${answer.message}` : text;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

const triedText = (ctx: FailureContext) => {
	const attempts = ctx.retries?.attempts;
	if (!attempts) return '';
	return ` after ${attempts} ${attempts === 1 ? 'retry' : 'retries'} over ${seconds(ctx.retries?.waitedMs ?? 0)}`;
};

/** One entry per HTTP status that gets its own wording; the rest fall back by class. */
const EXPLAIN_BY_STATUS: Record<number, (ctx: FailureContext, d: ErrorBodyParts) => Explanation> = {
	400: (ctx, d) => ({
		message: withServiceMessage(`${productOf(ctx)} rejected the request for ${ctx.subject}`, d),
	}),
	401: (ctx) => ({
		message: `${productOf(ctx)} did not accept the access token, even after n8n renewed it`,
		description:
			'Check that the credential points at the right tenant and environment, and that the token scope matches the API host.',
	}),
	403: (ctx, d) => ({
		message: withServiceMessage(
			`The app registration is not allowed to ${ctx.verb} ${ctx.subject}`,
			d,
		),
		description: `Grant the app the ${ctx.endpoint.permissionApi} application permission ${ctx.endpoint.permission}, then grant admin consent.`,
	}),
	404: (ctx) => ({
		message: `${capitalize(ctx.subject)} was not found`,
		description:
			'Check the ID, and that the credential points at the tenant and environment where it exists.',
	}),
	429: (ctx) => {
		const next =
			ctx.retries?.nextWaitMs !== undefined
				? ` ${productOf(ctx)} asked to wait another ${seconds(ctx.retries.nextWaitMs)}, more than Max Total Wait leaves.`
				: '';
		return {
			message: `${productOf(ctx)} rate limited the request for ${ctx.subject} (429)${triedText(ctx)}`,
			description: `This API allows ${ctx.endpoint.perMinute} calls a minute and ${ctx.endpoint.perHour} an hour per app and tenant.${next} Raise "Max Retries" or "Max Total Wait" in the node's options, or spread the work out.`,
		};
	},
};

function explain(
	status: number | undefined,
	ctx: FailureContext,
	d: ErrorBodyParts,
	failure: HttpFailure,
): Explanation {
	if (failure.tokenError) {
		return {
			message: `Could not get an access token from Entra ID: ${failure.tokenError}`,
			description:
				"Check the credential's tenant, client ID, environment and its client secret (and its expiry), certificate or token file.",
		};
	}
	if (status === undefined) {
		return {
			message:
				`Could not reach ${productOf(ctx)} for ${ctx.subject}: ${failure.networkCode ?? ''} ${failure.message}`
					.replace(/\s+/g, ' ')
					.trim(),
			// n8n's Timeout (Settings → Request Options) ends a request as ECONNABORTED: name the setting.
			description: TIMEOUT_CODES.includes(failure.networkCode ?? '')
				? `${productOf(ctx)} did not answer in time. Raise Timeout under Settings → Request Options, or check the proxy there.`
				: undefined,
		};
	}
	const specific = EXPLAIN_BY_STATUS[status];
	if (specific) return specific(ctx, d);
	if (status >= 500)
		return {
			message: withServiceMessage(
				`${productOf(ctx)} failed with HTTP ${status} for ${ctx.subject}${triedText(ctx)}`,
				d,
			),
		};
	return {
		message: withServiceMessage(`${productOf(ctx)} answered HTTP ${status} for ${ctx.subject}`, d),
	};
}

/** Replaces every secret value found in `text` (client secret, tokens) with a mask. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
}

/**
 * n8n's error classes replace any message containing a Node.js error name (ENOTFOUND is inside
 * RESOURCENOTFOUND) with a text about unreachable hosts; put back the message the node wrote.
 */
export function keepMessage<T extends NodeError>(error: T, message: string): T {
	if (error.message !== message) {
		error.messages = error.messages.filter((entry) => entry !== message);
		error.message = message;
	}
	return error;
}

/**
 * An input problem found before anything was sent, worded as the node wrote it. A NodeApiError:
 * n8n's RoutingNode passes one through as it is, but wraps anything else again, rewriting its message.
 */
export function requestLoopError(
	node: INode,
	message: string,
	itemIndex: number,
	description?: string,
): NodeApiError {
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		itemIndex,
	});
	error.description = description ?? null;
	// Nothing came from Defender: no "From Microsoft Defender for Endpoint" details for the editor to show.
	error.messages = [];
	return keepMessage(error, message);
}

/** What Defender answered, for the error details: its status, code, text and correlation id. */
function defenderSummary(
	failure: HttpFailure,
	defender: ErrorBodyParts,
	product: string,
): string | undefined {
	if (failure.statusCode === undefined) return undefined;
	const parts = [`${product} answered HTTP ${failure.statusCode}`];
	if (defender.code) parts.push(` ${defender.code}`);
	if (defender.message) parts.push(`: "${defender.message}"`);
	parts.push('.');
	if (defender.correlationId) parts.push(` Correlation ID: ${defender.correlationId}.`);
	return parts.join('');
}

const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

/** Builds the error users see: what went wrong once, Defender's own answer in the details, never a secret. */
export function buildApiError(
	node: INode,
	failure: HttpFailure,
	ctx: FailureContext,
	secrets: readonly string[] = [],
): NodeApiError {
	const defender = readErrorBody(failure.body);
	const { message, description } =
		ctx.explanation ?? explain(failure.statusCode, ctx, defender, failure);
	const answered = defenderSummary(failure, defender, productOf(ctx));
	const response: JsonObject = {
		httpCode: failure.statusCode ?? null,
		defenderCode: defender.code ?? null,
		defenderMessage: defender.message ? redactSecrets(defender.message, secrets) : null,
		correlationId: defender.correlationId ?? null,
		...ctx.details,
	};
	const safeMessage = redactSecrets(message, secrets);
	const error = new NodeApiError(node, response, {
		message: safeMessage,
		description: description ? redactSecrets(description, secrets) : undefined,
		// The details' "Error code" shows this: the HTTP status and Defender's own code (404 ResourceNotFound).
		httpCode:
			failure.statusCode !== undefined
				? [failure.statusCode, defender.code].filter(Boolean).join(' ')
				: undefined,
		itemIndex: ctx.itemIndex,
	});
	// What Defender answered goes to the details' "From Microsoft Defender for Endpoint" section, said once.
	error.messages = answered ? [redactSecrets(answered, secrets)] : [];
	return keepMessage(error, safeMessage);
}
