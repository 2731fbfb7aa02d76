import { hostClock } from '../hostClock';
import { parseRetryAfterMs } from '../retry/backoff';

/** `{"error": {"code", "message", "target"}}`, Defender's error shape. */
export interface ApiErrorBody {
	error?: {
		code?: string;
		message?: string;
		target?: string;
		details?: Array<{ code?: string; message?: string }>;
	};
}

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
	/** The Retry-After the answer carried, in ms from when it was read; absent when none or unreadable. */
	retryAfterMs?: number;
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

/** Headers with lower-case names and string values, from axios's or n8n's shape. */
export function normalizeHeaders(raw: unknown): Record<string, string> {
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

/** Finds the HTTP status, headers and body in an axios error, possibly wrapped by n8n; Retry-After is read here, once. */
export function extractHttpFailure(error: unknown, nowMs: number = hostClock.now()): HttpFailure {
	const chain = errorChain(error);
	const message = chain.find((link) => typeof link.message === 'string')?.message as
		| string
		| undefined;
	for (const link of chain) {
		const response = link.response;
		if (isIndexable(response) && typeof response.status === 'number') {
			const headers = normalizeHeaders(response.headers);
			// A Retry-After date is on Defender's clock: measure it from the answer's own Date when there is one.
			const answeredAt = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
			const retryAfterMs = parseRetryAfterMs(
				headers['retry-after'],
				Number.isNaN(answeredAt) ? nowMs : answeredAt,
			);
			return {
				statusCode: response.status,
				headers,
				body: parseBody(response.data),
				message: message ?? '',
				...(retryAfterMs === undefined ? {} : { retryAfterMs }),
			};
		}
	}
	const tokenError = readTokenError(chain, message);
	if (tokenError) return { headers: {}, body: undefined, message: message ?? '', tokenError };
	// n8n 1.x keeps no cause on its NodeApiError: only the status and body survive, not the headers.
	const wrapped = chain.find(
		(link) => typeof link.httpCode === 'string' && /^\d{3}$/.test(link.httpCode),
	);
	if (wrapped) {
		const context = isIndexable(wrapped.context) ? wrapped.context : {};
		return {
			statusCode: Number(wrapped.httpCode),
			headers: {},
			body: parseBody(context.data),
			message: message ?? '',
		};
	}
	const networkCode = chain
		.map((link) => link.code)
		.find((code): code is string => typeof code === 'string' && LOST_RESPONSE_CODES.includes(code));
	return { headers: {}, body: undefined, networkCode, message: message ?? String(error) };
}

function readTokenError(chain: Indexable[], message: string | undefined): string | undefined {
	// The certificate/federated credential's sign-in failed before anything was sent to the API.
	const signIn = chain.find((link) => link.name === 'SignInSetupError');
	if (signIn && typeof signIn.message === 'string') return signIn.message;
	for (const link of chain) {
		const body = parseBody(
			link.body ?? (isIndexable(link.context) ? link.context.data : undefined),
		);
		if (isIndexable(body) && typeof body.error === 'string') {
			return typeof body.error_description === 'string'
				? `${body.error_description} (${body.error})`
				: body.error;
		}
	}
	return message?.includes('OAuth2 access token') ? message : undefined;
}

export interface ErrorBodyParts {
	code?: string;
	message?: string;
	correlationId?: string;
}

export function readErrorBody(body: unknown): ErrorBodyParts {
	if (!isIndexable(body)) return typeof body === 'string' && body ? { message: body } : {};
	const error = (body as ApiErrorBody).error;
	if (!error) return {};
	const detail = error.details?.find((entry) => entry.message)?.message;
	return {
		code: error.code || undefined,
		message: error.message || detail,
		correlationId: error.target || undefined,
	};
}
