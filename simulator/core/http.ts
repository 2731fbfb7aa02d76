import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	at: number;
	status?: number;
	/** The rate-limit class of an API request (see ENDPOINT_CLASSES); unset for other requests. */
	endpoint?: string;
}

/** An answer before it is written: status and JSON payload. */
export type JsonAnswer = [number, unknown];

export function recordOf(
	req: IncomingMessage,
	url: URL,
	body: string,
	at: number,
): RecordedRequest {
	return {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers },
		body,
		at,
	};
}

/** Defender's error envelope. */
export function errorBody(code: string, message: string) {
	return { error: { code, message, target: randomUUID() } };
}

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function listen(server: Server, port: number, host: string): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const { address, port: bound } = server.address() as AddressInfo;
	return `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
}

/** A path template such as `/api/machines/{id}/isolate` as a regex: each `{name}` is one segment, one trailing slash is allowed. */
export function pathPattern(
	template: string,
	options: { caseInsensitive: boolean; callParentheses?: boolean },
): RegExp {
	const source = template
		.split(/(\{[^}]+\})/)
		.map((part) =>
			/^\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
		)
		.join('');
	return new RegExp(
		`^${source}${options.callParentheses ? '(?:\\(\\))?' : ''}\\/?$`,
		options.caseInsensitive ? 'i' : '',
	);
}
