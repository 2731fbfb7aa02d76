import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { checkClientAssertion } from './clientAssertionCheck';
import type { FederatedCredential } from './clientAssertionCheck';
import type { SimulatorClock } from '../clock';
import { HttpProblem } from '../httpProblem';
import type { JsonAnswer } from '../http';

/** An Entra ID app registration the simulator accepts, with the Defender roles granted to it. */
export interface SimulatedApp {
	tenantId: string;
	clientId: string;
	clientSecret: string;
	roles: string[];
	name?: string;
	/** PEM certificates registered under Certificates & secrets: a client assertion signed by one of their keys signs in. */
	certificates?: string[];
	/** Federated identity credentials: a token from that issuer for that subject signs in. */
	federatedCredentials?: FederatedCredential[];
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
		'Alert.Read.All',
		'Alert.ReadWrite.All',
		'User.Read.All',
		'Vulnerability.Read.All',
		'Software.Read.All',
		'SecurityRecommendation.Read.All',
		'File.Read.All',
		'Ip.Read.All',
		'URL.Read.All',
		'Library.Manage',
		'Ti.ReadWrite.All',
		'ThreatHunting.Read.All',
		'SecurityIncident.ReadWrite.All',
		'SecurityAlert.ReadWrite.All',
	],
	name: 'n8n Defender automation',
};

export const ACCEPTED_SCOPES = [
	'https://api.securitycenter.microsoft.com/.default',
	'https://api.security.microsoft.com/.default',
	'https://securitycenter.onmicrosoft.com/windowsatpservice/.default',
	'https://securitycenter.onmicrosoft.us/windowsatpservice/.default',
];

/** Microsoft Graph's scopes per cloud: a token for one of these serves Graph's routes only. */
export const GRAPH_SCOPES = [
	'https://graph.microsoft.com/.default',
	'https://graph.microsoft.us/.default',
	'https://dod-graph.microsoft.us/.default',
];

/** Entra ID's v2 token endpoint: `/{tenant}/oauth2/v2.0/token`. */
export const TOKEN_PATH = /^\/[^/]+\/oauth2\/v2\.0\/token$/;

interface IssuedToken {
	app: SimulatedApp;
	expiresAt: number;
	audience?: 'graph';
}

/** The URL the request reached, which a client assertion's audience must name. */
const tokenEndpointOf = (req: IncomingMessage): string =>
	`${'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http'}://${req.headers.host ?? ''}${(req.url ?? '').split('?')[0]}`;

const oauthError = (status: number, error: string, description: string): JsonAnswer => [
	status,
	{ error, error_description: description },
];

/** The Entra ID side: client-credentials tokens for the registered apps, and the bearer check of API calls. */
export class TokenAuthority {
	tokenRequests = 0;
	readonly issuedAccessTokens: string[] = [];
	private readonly tokens = new Map<string, IssuedToken>();

	constructor(
		readonly apps: SimulatedApp[],
		private readonly clock: SimulatorClock,
		private readonly lifetimeSeconds: number,
	) {}

	issueToken(tenantId: string, req: IncomingMessage, body: string): JsonAnswer {
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
		if (form.get('grant_type') !== 'client_credentials') {
			return oauthError(
				400,
				'unsupported_grant_type',
				'AADSTS70003: The app requested an unsupported grant type.',
			);
		}
		if (!this.apps.some((candidate) => candidate.tenantId === tenantId)) {
			return oauthError(
				400,
				'invalid_request',
				`AADSTS90002: Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
			);
		}
		const app = this.apps.find(
			(candidate) => candidate.tenantId === tenantId && candidate.clientId === clientId,
		);
		if (!app) {
			return oauthError(
				400,
				'unauthorized_client',
				`AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`,
			);
		}
		if (form.has('client_assertion') || form.has('client_assertion_type')) {
			const refusal = checkClientAssertion(form, app, tokenEndpointOf(req), this.clock.now());
			if (refusal) return oauthError(...refusal);
		} else if (app.clientSecret !== clientSecret) {
			return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
		}
		const scope = form.get('scope') ?? '';
		const graph = GRAPH_SCOPES.includes(scope);
		if (!ACCEPTED_SCOPES.includes(scope) && !graph) {
			return oauthError(
				400,
				'invalid_scope',
				`AADSTS70011: The provided value for the input parameter 'scope' is not valid: ${scope}`,
			);
		}
		const accessToken = `sim-${randomBytes(24).toString('hex')}`;
		const lifetime = this.lifetimeSeconds;
		this.tokens.set(accessToken, {
			app,
			expiresAt: this.clock.now() + lifetime * 1000,
			...(graph ? { audience: 'graph' as const } : {}),
		});
		this.issuedAccessTokens.push(accessToken);
		return [
			200,
			{
				token_type: 'Bearer',
				expires_in: lifetime,
				ext_expires_in: lifetime,
				access_token: accessToken,
			},
		];
	}

	/** The app behind the request's bearer token; 401 when it is missing, unknown or expired. */
	authenticate(req: IncomingMessage, audience?: 'graph'): SimulatedApp {
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
		const token = bearer ? this.tokens.get(bearer[1]) : undefined;
		if (!token || token.expiresAt <= this.clock.now()) {
			throw new HttpProblem(401, 'Unauthorized', 'Invalid or expired access token', {
				'WWW-Authenticate': 'Bearer error="invalid_token"',
			});
		}
		// One audience per token: a Defender token on Graph (or the reverse) is refused as Graph refuses it.
		if (token.audience !== audience) {
			throw new HttpProblem(
				401,
				'InvalidAuthenticationToken',
				'Access token validation failure. Invalid audience.',
				{
					'WWW-Authenticate': 'Bearer error="invalid_token"',
				},
			);
		}
		return token.app;
	}

	/** Makes every issued token invalid, as an expired or revoked token would be. */
	expireAll(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}
}

export function requireRole(app: SimulatedApp, anyOf: readonly string[]): void {
	if (!anyOf.some((role) => app.roles.includes(role))) {
		throw new HttpProblem(
			403,
			'Forbidden',
			`The application does not have any of the required application roles (${anyOf.join(', ')}) to access the resource.`,
		);
	}
}

/** Who an action or comment names as its author: the app's display name, else its client id. */
export const requestorOf = (app: SimulatedApp): string => app.name ?? app.clientId;
