import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { DefenderErrorBody, MachineActionOperation } from './interfaces';

/** What a failed request left behind, read from whichever error shape n8n's HTTP layer threw. */
export interface HttpFailure {
	statusCode?: number;
	headers: Record<string, string>;
	body: unknown;
	/** A socket error code from LOST_RESPONSE_CODES when no response came back. */
	networkCode?: string;
	message: string;
	/** Set when the token request to Entra ID failed, with Entra's own error text. */
	tokenError?: string;
}

type Indexable = Record<string, unknown>;

/** Socket errors after which the request may or may not have reached Defender. */
export const LOST_RESPONSE_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
];

const isIndexable = (value: unknown): value is Indexable =>
	typeof value === 'object' && value !== null;

function normalizeHeaders(raw: unknown): Record<string, string> {
	if (!isIndexable(raw)) return {};
	const plain = typeof raw.toJSON === 'function' ? (raw.toJSON as () => unknown)() : raw;
	const headers: Record<string, string> = {};
	if (!isIndexable(plain)) return headers;
	for (const [name, value] of Object.entries(plain)) {
		if (value === undefined || value === null) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return headers;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function errorChain(error: unknown): Indexable[] {
	const chain: Indexable[] = [];
	let current: unknown = error;
	while (isIndexable(current) && chain.length < 5 && !chain.includes(current)) {
		chain.push(current);
		current = current.cause;
	}
	return chain;
}

/** Finds the HTTP status, headers and body in an axios error, possibly wrapped by n8n. */
export function extractHttpFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const message = chain.find((link) => typeof link.message === 'string')?.message as string | undefined;
	for (const link of chain) {
		const response = link.response;
		if (isIndexable(response) && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: normalizeHeaders(response.headers),
				body: parseBody(response.data),
				message: message ?? '',
			};
		}
	}
	const tokenError = readTokenError(chain, message);
	if (tokenError) return { headers: {}, body: undefined, message: message ?? '', tokenError };
	// n8n 1.x keeps no cause on its NodeApiError: only the status and body survive, not the headers.
	const wrapped = chain.find((link) => typeof link.httpCode === 'string' && /^\d{3}$/.test(link.httpCode));
	if (wrapped) {
		const context = isIndexable(wrapped.context) ? wrapped.context : {};
		return { statusCode: Number(wrapped.httpCode), headers: {}, body: parseBody(context.data), message: message ?? '' };
	}
	const networkCode = chain
		.map((link) => link.code)
		.find((code): code is string => typeof code === 'string' && LOST_RESPONSE_CODES.includes(code));
	return { headers: {}, body: undefined, networkCode, message: message ?? String(error) };
}

function readTokenError(chain: Indexable[], message: string | undefined): string | undefined {
	for (const link of chain) {
		const body = parseBody(link.body ?? (isIndexable(link.context) ? link.context.data : undefined));
		if (isIndexable(body) && typeof body.error === 'string') {
			return typeof body.error_description === 'string'
				? `${body.error_description} (${body.error})`
				: body.error;
		}
	}
	return message?.includes('OAuth2 access token') ? message : undefined;
}

export interface DefenderErrorParts {
	code?: string;
	message?: string;
	correlationId?: string;
}

export function readDefenderError(body: unknown): DefenderErrorParts {
	if (!isIndexable(body)) return typeof body === 'string' && body ? { message: body } : {};
	const error = (body as DefenderErrorBody).error;
	if (!error) return {};
	const detail = error.details?.find((entry) => entry.message)?.message;
	return {
		code: error.code || undefined,
		message: error.message || detail,
		correlationId: error.target || undefined,
	};
}

export const REQUIRED_PERMISSIONS: Record<MachineActionOperation, string> = {
	cancel:
		'the permission of the action being cancelled: Machine.Isolate, Machine.Scan, Machine.CollectForensics, Machine.RestrictExecution, Machine.StopAndQuarantine, Machine.Offboard or Machine.LiveResponse',
	get: 'Machine.Read.All or Machine.ReadWrite.All',
	getAll: 'Machine.Read.All or Machine.ReadWrite.All',
};

export interface FailureContext {
	operation: MachineActionOperation;
	machineActionId?: string;
	itemIndex: number;
	/** Status of the action looked up after a refused cancel. */
	currentStatus?: string;
	retries?: { attempts: number; waitedMs: number; nextWaitMs?: number };
}

interface Explanation {
	message: string;
	description?: string;
}

const subject = (ctx: FailureContext) =>
	ctx.machineActionId ? `machine action ${ctx.machineActionId}` : 'machine actions';

const withDefender = (text: string, defender: DefenderErrorParts) =>
	defender.message
		? `${text}: ${defender.message}${defender.code ? ` (${defender.code})` : ''}`
		: text;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** One entry per HTTP status that gets its own wording; the rest fall back by class. */
const EXPLAIN_BY_STATUS: Record<number, (ctx: FailureContext, d: DefenderErrorParts) => Explanation> = {
	400: (ctx, d) => ({ message: withDefender(`Defender rejected the request for ${subject(ctx)}`, d) }),
	401: (_ctx, d) => ({
		message: withDefender('Defender did not accept the access token, even after n8n renewed it', d),
		description:
			'Check that the credential points at the right tenant and environment, and that the token scope matches the API host.',
	}),
	403: (ctx, d) => ({
		message: withDefender(`The app registration is not allowed to ${ctx.operation === 'cancel' ? 'cancel' : 'read'} ${subject(ctx)}`, d),
		description: `Grant the app the WindowsDefenderATP application permission ${REQUIRED_PERMISSIONS[ctx.operation]}, then grant admin consent.`,
	}),
	404: (ctx, d) => ({
		message: withDefender(`Machine action ${ctx.machineActionId ?? ''} was not found`.replace('  ', ' '), d),
		description: 'Check the ID, and that the credential points at the tenant and environment where the action was created.',
	}),
	429: (ctx, d) => {
		const tried = ctx.retries?.attempts
			? ` after ${ctx.retries.attempts} ${ctx.retries.attempts === 1 ? 'retry' : 'retries'} over ${seconds(ctx.retries.waitedMs)}`
			: '';
		const next =
			ctx.retries?.nextWaitMs !== undefined
				? ` Defender asked to wait another ${seconds(ctx.retries.nextWaitMs)}, more than Max Total Wait leaves.`
				: '';
		return {
			message: withDefender(`Defender rate limited the request for ${subject(ctx)} (429)${tried}`, d),
			description: `The API allows 100 calls a minute and 1500 an hour per app and tenant.${next} Raise "Max Retries" or "Max Total Wait" in the node's options, or spread the work out.`,
		};
	},
};

function explain(status: number | undefined, ctx: FailureContext, d: DefenderErrorParts, failure: HttpFailure): Explanation {
	if (failure.tokenError) {
		return {
			message: `Could not get an access token from Entra ID: ${failure.tokenError}`,
			description:
				"Check the credential's tenant, client ID, client secret (and its expiry) and environment.",
		};
	}
	if (status === undefined) {
		return {
			message: `Could not reach Defender for ${subject(ctx)}: ${failure.networkCode ?? ''} ${failure.message}`.replace(/\s+/g, ' ').trim(),
		};
	}
	const specific = EXPLAIN_BY_STATUS[status];
	if (specific) return specific(ctx, d);
	if (status >= 500) {
		const tried = ctx.retries?.attempts ? ` after ${ctx.retries.attempts} retries over ${seconds(ctx.retries.waitedMs)}` : '';
		return { message: withDefender(`Defender failed with HTTP ${status} for ${subject(ctx)}${tried}`, d) };
	}
	return { message: withDefender(`Defender answered HTTP ${status} for ${subject(ctx)}`, d) };
}

/** Replaces every secret value found in `text` (client secret, tokens) with a mask. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
}

/** Builds the error users see: Defender's own message and code, what to do, never a secret. */
export function buildDefenderError(
	node: INode,
	failure: HttpFailure,
	ctx: FailureContext,
	secrets: readonly string[] = [],
): NodeApiError {
	const defender = readDefenderError(failure.body);
	let { message, description } = explain(failure.statusCode, ctx, defender, failure);
	if (ctx.currentStatus) {
		message = `Machine action ${ctx.machineActionId} is already ${ctx.currentStatus} and can no longer be cancelled`;
		description = withDefender('Defender refused the cancel', defender);
	}
	if (defender.correlationId) {
		description = `${description ? `${description} ` : ''}Defender correlation ID: ${defender.correlationId}.`;
	}
	const response: JsonObject = {
		httpCode: failure.statusCode ?? null,
		defenderCode: defender.code ?? null,
		defenderMessage: defender.message ? redactSecrets(defender.message, secrets) : null,
		correlationId: defender.correlationId ?? null,
		machineActionId: ctx.machineActionId ?? null,
	};
	if (ctx.currentStatus) response.currentStatus = ctx.currentStatus;
	return new NodeApiError(node, response, {
		message: redactSecrets(message, secrets),
		description: description ? redactSecrets(description, secrets) : undefined,
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: ctx.itemIndex,
	});
}
