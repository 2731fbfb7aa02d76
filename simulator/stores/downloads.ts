import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { SimulatorClock } from '../core/clock';
import { readBody, recordOf } from '../core/http';
import type { RecordedRequest } from '../core/http';
import { investigationPackage } from '../core/zip';

const PACKAGE_SAS_VERSION = '2026-01-01';

/** The storage server behind package links: it checks the link's signature, never a bearer token. */
export class PackageDownloads {
	/** Requests to the package download server, which must arrive without the API's bearer token. */
	readonly requests: RecordedRequest[] = [];
	/** Signatures of issued package links, to the action id each one opens. */
	private readonly signatures = new Map<string, string>();
	/** Signatures of issued live response result links, to the result each one opens and when it expires. */
	private readonly resultLinks = new Map<
		string,
		{ name: string; bytes: Buffer; expiresAt: number }
	>();
	/** Origin of the download server, known once it listens. */
	origin = '';

	constructor(private readonly clock: SimulatorClock) {}

	/** A signed link to the action's package, as getPackageUri hands out. */
	signedLink(actionId: string): string {
		const signature = randomBytes(16).toString('hex');
		this.signatures.set(signature, actionId);
		return `${this.origin}/packages/${actionId}.zip?sv=${PACKAGE_SAS_VERSION}&sig=${signature}`;
	}

	/** A signed link to a live response result, as GetLiveResponseResultDownloadLink hands out: it stops working after `lifetimeMs`. */
	signedResultLink(name: string, bytes: Buffer, lifetimeMs: number): string {
		const signature = randomBytes(16).toString('hex');
		const expiresAt = this.clock.now() + lifetimeMs;
		this.resultLinks.set(signature, { name, bytes, expiresAt });
		const expiry = encodeURIComponent(new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
		return `${this.origin}/liveresponse/${name}?sv=${PACKAGE_SAS_VERSION}&se=${expiry}&sr=b&sp=r&sig=${signature}`;
	}

	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://download');
		const record = recordOf(req, url, body, this.clock.observerNow());
		this.requests.push(record);
		const fail = (status: number, code: string, message: string) => {
			record.status = status;
			res.writeHead(status, { ...this.clock.dateHeader(), 'Content-Type': 'application/xml' });
			res.end(
				`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
			);
		};
		const result = /^\/liveresponse\/([^/]+)$/.exec(url.pathname);
		if (result) {
			const link = this.resultLinks.get(url.searchParams.get('sig') ?? '');
			if (!link || link.name !== result[1]) {
				return fail(
					403,
					'AuthenticationFailed',
					'Server failed to authenticate the request. Make sure the value of the signature is formed correctly.',
				);
			}
			if (this.clock.now() >= link.expiresAt)
				return fail(403, 'AuthenticationFailed', 'Signed expiry time has passed.');
			record.status = 200;
			res.writeHead(200, {
				...this.clock.dateHeader(),
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(link.bytes.length),
			});
			res.end(req.method === 'HEAD' ? undefined : link.bytes);
			return;
		}
		const match = /^\/packages\/([^/]+)\.zip$/.exec(url.pathname);
		if (!match) return fail(404, 'ResourceNotFound', 'The specified resource does not exist.');
		if (req.method !== 'GET' && req.method !== 'HEAD')
			return fail(
				405,
				'UnsupportedHttpVerb',
				'The resource does not support the specified HTTP verb.',
			);
		const signature = url.searchParams.get('sig') ?? '';
		if (
			this.signatures.get(signature) !== match[1] ||
			url.searchParams.get('sv') !== PACKAGE_SAS_VERSION
		) {
			return fail(
				403,
				'AuthenticationFailed',
				'Server failed to authenticate the request. Make sure the value of the signature is formed correctly.',
			);
		}
		const bytes = investigationPackage(match[1]);
		record.status = 200;
		res.writeHead(200, {
			...this.clock.dateHeader(),
			'Content-Type': 'application/zip',
			'Content-Length': String(bytes.length),
			'Content-Disposition': `attachment; filename="${match[1]}.zip"`,
		});
		res.end(req.method === 'HEAD' ? undefined : bytes);
	}
}
