import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { ODataFilterError, parseODataFilter } from './odataFilter';

/** An Entra ID app registration the simulator accepts, with the Defender roles granted to it. */
export interface SimulatedApp {
	tenantId: string;
	clientId: string;
	clientSecret: string;
	roles: string[];
	name?: string;
}

export interface RateLimit {
	perWindow: number;
	windowMs: number;
	perHour: number;
	hourMs: number;
	retryAfterFormat: 'seconds' | 'date';
}

export interface SimulatedMachineAction {
	id: string;
	type: string;
	scope: string | null;
	requestor: string;
	requestorComment: string;
	requestSource: string;
	title: string | null;
	externalId: string | null;
	status: string;
	machineId: string;
	computerDnsName: string;
	creationDateTimeUtc: string;
	lastUpdateDateTimeUtc: string;
	cancellationRequestor: string | null;
	cancellationComment: string | null;
	cancellationDateTimeUtc: string | null;
	errorHResult: number;
	relatedFileInfo: { fileIdentifier: string; fileIdentifierType: string } | null;
	commands: unknown[];
	troubleshootInfo: string | null;
}

/** A canned answer for matching requests, used `times` times (forever when omitted). */
export interface Fault {
	method?: string;
	path?: RegExp;
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Destroy the connection without answering, as a lost response would look. */
	reset?: boolean;
	/** Carry the request out, then destroy the connection: the answer is lost but the work is done. */
	applyThenDrop?: boolean;
	/** Let the request through, but first wait this long. */
	delayMs?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	at: number;
	status?: number;
}

export interface SimulatorOptions {
	port?: number;
	host?: string;
	apps?: SimulatedApp[];
	tokenLifetimeSeconds?: number;
	/** Fixed-window limits per app; false turns rate limiting off. */
	rateLimit?: Partial<RateLimit> | false;
	/** Largest page the list endpoint serves before it emits @odata.nextLink. */
	pageSize?: number;
	/** Origin written into @odata.nextLink, to test a server that points elsewhere. */
	nextLinkOrigin?: string;
	/** A cancelled action keeps showing its old status for this many reads before it shows Cancelled. */
	cancelSettlesAfterReads?: number;
	now?: () => number;
}

export const DEFAULT_APP: SimulatedApp = {
	tenantId: '11111111-2222-3333-4444-555555555555',
	clientId: '66666666-7777-8888-9999-000000000000',
	clientSecret: 'simulator-client-secret',
	roles: [
		'Machine.Read.All',
		'Machine.ReadWrite.All',
		'Machine.Isolate',
		'Machine.Scan',
		'Machine.CollectForensics',
		'Machine.RestrictExecution',
		'Machine.StopAndQuarantine',
		'Machine.Offboard',
		'Machine.LiveResponse',
	],
	name: 'n8n Defender automation',
};

export const ACCEPTED_SCOPES = [
	'https://api.securitycenter.microsoft.com/.default',
	'https://api.security.microsoft.com/.default',
	'https://securitycenter.onmicrosoft.com/windowsatpservice/.default',
	'https://securitycenter.onmicrosoft.us/windowsatpservice/.default',
];

const FINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'];
const READ_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All'];
const CANCEL_ROLE_BY_TYPE: Record<string, string> = {
	Isolate: 'Machine.Isolate',
	Unisolate: 'Machine.Isolate',
	RunAntiVirusScan: 'Machine.Scan',
	CollectInvestigationPackage: 'Machine.CollectForensics',
	RequestSample: 'Machine.CollectForensics',
	RestrictCodeExecution: 'Machine.RestrictExecution',
	UnrestrictCodeExecution: 'Machine.RestrictExecution',
	StopAndQuarantineFile: 'Machine.StopAndQuarantine',
	Offboard: 'Machine.Offboard',
	LiveResponse: 'Machine.LiveResponse',
};
const FILTER_FIELDS = ['id', 'status', 'machineId', 'type', 'requestor', 'creationDateTimeUtc'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TOP = 10_000;

interface IssuedToken {
	app: SimulatedApp;
	expiresAt: number;
}

interface WindowCounter {
	start: number;
	count: number;
}

class HttpProblem extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

const deterministicMachineId = (index: number) =>
	createHash('sha1').update(`machine-${index}`).digest('hex');

export class DefenderSimulator {
	readonly actions = new Map<string, SimulatedMachineAction>();
	readonly requests: RecordedRequest[] = [];
	tokenRequests = 0;
	rateLimited = 0;
	readonly issuedAccessTokens: string[] = [];
	readonly apps: SimulatedApp[];

	private readonly tokens = new Map<string, IssuedToken>();
	private readonly faults: Fault[] = [];
	private readonly windows = new Map<string, { minute: WindowCounter; hour: WindowCounter }>();
	private readonly sockets = new Set<Socket>();
	/** Cancelled actions still showing their earlier status, with the reads left before they settle. */
	private readonly settling = new Map<string, { shownStatus: string; readsLeft: number }>();
	private readonly rateLimit: RateLimit | false;
	private readonly server: Server;
	private readonly now: () => number;
	private seeded = 0;
	private baseUrl = '';

	constructor(private readonly options: SimulatorOptions = {}) {
		this.apps = options.apps ?? [DEFAULT_APP];
		this.now = options.now ?? Date.now;
		this.rateLimit =
			options.rateLimit === false
				? false
				: {
						perWindow: 100,
						windowMs: 60_000,
						perHour: 1500,
						hourMs: 3_600_000,
						retryAfterFormat: 'seconds',
						...options.rateLimit,
					};
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		return this.baseUrl;
	}

	tokenUrl(tenantId = this.apps[0].tenantId): string {
		return `${this.baseUrl}/${tenantId}/oauth2/v2.0/token`;
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
		});
		const { address, port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
		return this;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Adds one machine action; fields not given get realistic values. */
	addAction(overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction {
		const index = this.seeded++;
		const created = new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + index * 60_000).toISOString();
		const action: SimulatedMachineAction = {
			id: randomUUID(),
			type: 'Isolate',
			scope: 'Full',
			requestor: 'soc-playbook@contoso.com',
			requestorComment: 'Isolated by playbook after a high severity alert',
			requestSource: 'PublicApi',
			title: null,
			externalId: null,
			status: 'Pending',
			machineId: deterministicMachineId(index % 10),
			computerDnsName: `desktop-${String(index % 10).padStart(3, '0')}.contoso.local`,
			creationDateTimeUtc: created,
			lastUpdateDateTimeUtc: created,
			cancellationRequestor: null,
			cancellationComment: null,
			cancellationDateTimeUtc: null,
			errorHResult: 0,
			relatedFileInfo: null,
			commands: [],
			troubleshootInfo: null,
			...overrides,
		};
		this.actions.set(action.id, action);
		return action;
	}

	seed(count: number, overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction[] {
		return Array.from({ length: count }, () => this.addAction(overrides));
	}

	injectFault(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/** Makes every issued token invalid, as an expired or revoked token would be. */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	apiRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith('/api/'));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://simulator');
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			body,
			at: this.now(),
		};
		this.requests.push(record);
		const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			record.status = status;
			const text = payload === undefined ? '' : JSON.stringify(payload);
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
			res.end(text);
		};
		try {
			const fault = this.takeFault(record);
			if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
			if (fault?.reset) {
				record.status = 0;
				req.socket.destroy();
				return;
			}
			if (fault?.applyThenDrop && url.pathname.startsWith('/api/')) {
				this.api(req, url, body);
				record.status = 0;
				req.socket.destroy();
				return;
			}
			if (fault?.status) {
				send(fault.status, fault.body ?? errorBody(String(fault.status), 'Injected fault'), fault.headers);
				return;
			}
			if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname) && req.method === 'POST') {
				const [status, payload] = this.issueToken(url.pathname.split('/')[1], req, body);
				send(status, payload);
				return;
			}
			if (url.pathname.startsWith('/_simulator/')) {
				send(...this.admin(url, req.method ?? 'GET', body));
				return;
			}
			if (url.pathname.startsWith('/api/')) {
				send(200, this.api(req, url, body));
				return;
			}
			throw new HttpProblem(404, 'NotFound', `No route for ${req.method} ${url.pathname}`);
		} catch (error) {
			if (error instanceof HttpProblem) {
				send(error.status, errorBody(error.code, error.message), error.headers);
				return;
			}
			send(500, errorBody('InternalServerError', 'Simulator failure'));
		}
	}

	private takeFault(request: RecordedRequest): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method === request.method) && (!fault.path || fault.path.test(request.path)),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private issueToken(tenantId: string, req: IncomingMessage, body: string): [number, unknown] {
		this.tokenRequests++;
		const form = new URLSearchParams(body);
		let clientId = form.get('client_id') ?? '';
		let clientSecret = form.get('client_secret') ?? '';
		const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
		if (basic) {
			const [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':');
			clientId = decodeURIComponent(id ?? '');
			clientSecret = decodeURIComponent(secret ?? '');
		}
		const oauthError = (status: number, error: string, description: string): [number, unknown] => [
			status,
			{ error, error_description: description },
		];
		if (form.get('grant_type') !== 'client_credentials') {
			return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
		}
		const app = this.apps.find((candidate) => candidate.tenantId === tenantId && candidate.clientId === clientId);
		if (!app) {
			return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`);
		}
		if (app.clientSecret !== clientSecret) {
			return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
		}
		const scope = form.get('scope') ?? '';
		if (!ACCEPTED_SCOPES.includes(scope)) {
			return oauthError(400, 'invalid_scope', `AADSTS70011: The provided value for the input parameter 'scope' is not valid: ${scope}`);
		}
		const accessToken = `sim-${randomBytes(24).toString('hex')}`;
		const lifetime = this.options.tokenLifetimeSeconds ?? 3599;
		this.tokens.set(accessToken, { app, expiresAt: this.now() + lifetime * 1000 });
		this.issuedAccessTokens.push(accessToken);
		return [200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken }];
	}

	private authenticate(req: IncomingMessage): SimulatedApp {
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
		const token = bearer ? this.tokens.get(bearer[1]) : undefined;
		if (!token || token.expiresAt <= this.now()) {
			throw new HttpProblem(401, 'Unauthorized', 'Invalid or expired access token', {
				'WWW-Authenticate': 'Bearer error="invalid_token"',
			});
		}
		return token.app;
	}

	private countCall(app: SimulatedApp): void {
		if (!this.rateLimit) return;
		const limit = this.rateLimit;
		const now = this.now();
		const key = `${app.tenantId}/${app.clientId}`;
		const windows = this.windows.get(key) ?? { minute: { start: now, count: 0 }, hour: { start: now, count: 0 } };
		this.windows.set(key, windows);
		const check = (window: WindowCounter, size: number, max: number) => {
			if (now - window.start >= size) {
				window.start = now - ((now - window.start) % size);
				window.count = 0;
			}
			if (window.count >= max) return window.start + size - now;
			return undefined;
		};
		const waitMs = check(windows.minute, limit.windowMs, limit.perWindow) ?? check(windows.hour, limit.hourMs, limit.perHour);
		if (waitMs !== undefined) {
			this.rateLimited++;
			const retryAfter =
				limit.retryAfterFormat === 'date'
					? new Date(now + waitMs + 999).toUTCString()
					: String(Math.max(1, Math.ceil(waitMs / 1000)));
			throw new HttpProblem(429, 'TooManyRequests', 'Rate limit is exceeded. Try again later.', {
				'Retry-After': retryAfter,
			});
		}
		windows.minute.count++;
		windows.hour.count++;
	}

	private requireRole(app: SimulatedApp, anyOf: string[]): void {
		if (!anyOf.some((role) => app.roles.includes(role))) {
			throw new HttpProblem(
				403,
				'Forbidden',
				`The application does not have any of the required application roles (${anyOf.join(', ')}) to access the resource.`,
			);
		}
	}

	private findAction(id: string): SimulatedMachineAction {
		if (!GUID.test(id)) throw new HttpProblem(400, 'InvalidInput', `Machine action id '${id}' is not a valid id`);
		const action = this.actions.get(id.toLowerCase()) ?? this.actions.get(id);
		if (!action) throw new HttpProblem(404, 'NotFound', `Machine action with id ${id} was not found`);
		return action;
	}

	private api(req: IncomingMessage, url: URL, body: string): unknown {
		const app = this.authenticate(req);
		this.countCall(app);
		const context = `${this.baseUrl}/api/$metadata#MachineActions`;
		const match = /^\/api\/machineactions(?:\/([^/]+)(\/cancel)?)?\/?$/i.exec(url.pathname);
		if (!match) throw new HttpProblem(404, 'ResourceNotFound', `Resource ${url.pathname} was not found`);
		const [, rawId, cancel] = match;
		const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
		if (id === undefined) {
			if (req.method !== 'GET') throw new HttpProblem(405, 'MethodNotAllowed', 'Method not allowed');
			this.requireRole(app, READ_ROLES);
			return this.list(url, context);
		}
		if (!cancel) {
			if (req.method !== 'GET') throw new HttpProblem(405, 'MethodNotAllowed', 'Method not allowed');
			this.requireRole(app, READ_ROLES);
			return { '@odata.context': `${context}/$entity`, ...this.view(this.findAction(id)) };
		}
		if (req.method !== 'POST') throw new HttpProblem(405, 'MethodNotAllowed', 'Method not allowed');
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (contentType !== 'application/json') {
			throw new HttpProblem(415, 'UnsupportedMediaType', `Content-Type must be application/json, got '${contentType}'`);
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			throw new HttpProblem(400, 'InvalidRequestBody', 'Request body is not valid JSON');
		}
		const comment = (parsed as { Comment?: unknown } | null)?.Comment;
		if (typeof comment !== 'string' || comment.trim() === '') {
			throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Comment' is required");
		}
		const action = this.findAction(id);
		this.requireRole(app, [CANCEL_ROLE_BY_TYPE[action.type] ?? 'Machine.ReadWrite.All']);
		if (FINAL_STATUSES.includes(action.status)) {
			throw new HttpProblem(400, 'BadRequest', `Machine action ${action.id} cannot be cancelled because it is in final state ${action.status}`);
		}
		const stamp = new Date(this.now()).toISOString();
		if (this.options.cancelSettlesAfterReads) {
			this.settling.set(action.id, { shownStatus: action.status, readsLeft: this.options.cancelSettlesAfterReads });
		}
		Object.assign(action, {
			status: 'Cancelled',
			cancellationRequestor: app.name ?? app.clientId,
			cancellationComment: comment,
			cancellationDateTimeUtc: stamp,
			lastUpdateDateTimeUtc: stamp,
		});
		return { '@odata.context': `${context}/$entity`, ...this.view(action, false) };
	}

	/** What a read shows: a cancel that has not settled yet still shows the earlier status. */
	private view(action: SimulatedMachineAction, countsAsRead = true): SimulatedMachineAction {
		const pending = this.settling.get(action.id);
		if (!pending) return action;
		if (countsAsRead && --pending.readsLeft <= 0) {
			this.settling.delete(action.id);
			return action;
		}
		return { ...action, status: pending.shownStatus };
	}

	private list(url: URL, context: string): unknown {
		const query = url.searchParams;
		let all = [...this.actions.values()];
		const filter = query.get('$filter');
		if (filter) {
			try {
				const predicate = parseODataFilter(filter, FILTER_FIELDS, ['creationDateTimeUtc']);
				all = all.filter((action) => predicate(action as unknown as Record<string, unknown>));
			} catch (error) {
				if (error instanceof ODataFilterError) throw new HttpProblem(400, 'ODataError', error.message);
				throw error;
			}
		}
		const top = query.has('$top') ? Number(query.get('$top')) : MAX_TOP;
		const skip = query.has('$skip') ? Number(query.get('$skip')) : 0;
		if (!Number.isInteger(top) || top < 0 || top > MAX_TOP) {
			throw new HttpProblem(400, 'ODataError', `The limit of '${MAX_TOP}' for Top query has been exceeded or is invalid`);
		}
		if (!Number.isInteger(skip) || skip < 0) throw new HttpProblem(400, 'ODataError', 'Invalid $skip');
		const pageSize = Math.min(top, this.options.pageSize ?? MAX_TOP);
		const value = all.slice(skip, skip + pageSize);
		const page: Record<string, unknown> = { '@odata.context': context, value };
		if (skip + value.length < all.length && value.length > 0) {
			const next = new URLSearchParams(query);
			next.set('$skip', String(skip + value.length));
			next.set('$top', String(top));
			page['@odata.nextLink'] = `${this.options.nextLinkOrigin ?? this.baseUrl}/api/machineactions?${next.toString()}`;
		}
		return page;
	}

	/** Small control surface for trying the node by hand: seed actions, change statuses, add faults. */
	private admin(url: URL, method: string, body: string): [number, unknown] {
		if (url.pathname === '/_simulator/actions' && method === 'GET') return [200, [...this.actions.values()]];
		if (url.pathname === '/_simulator/seed' && method === 'POST') {
			const count = Math.min(1000, Number(url.searchParams.get('count') ?? '5'));
			const type = url.searchParams.get('type') ?? undefined;
			return [200, this.seed(count, type ? { type } : {}).map((action) => action.id)];
		}
		if (url.pathname === '/_simulator/faults' && method === 'POST') {
			const fault = JSON.parse(body || '{}') as Omit<Fault, 'path'> & { path?: string };
			this.injectFault({ ...fault, path: fault.path ? new RegExp(fault.path) : undefined });
			return [200, { ok: true }];
		}
		if (url.pathname === '/_simulator/expire-tokens' && method === 'POST') {
			this.expireTokens();
			return [200, { ok: true }];
		}
		return [404, errorBody('NotFound', 'Unknown simulator control')];
	}
}

function errorBody(code: string, message: string) {
	return { error: { code, message, target: randomUUID() } };
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startDefenderSimulator(options: SimulatorOptions = {}): Promise<DefenderSimulator> {
	return await new DefenderSimulator(options).start();
}
