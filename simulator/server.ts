import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import {
	ALERT_DATE_FIELDS,
	ALERT_FILTER_FIELDS,
	ALERT_ID,
	ALERT_SEVERITIES,
	ALERT_STATUSES,
	alertView,
	defaultAlert,
	expandsEvidence,
	parseAlertUpdate,
	sortAlerts,
	systemProgress,
} from './alerts';
import type { AlertMachine, SimulatedAlert, SimulatedAlertView } from './alerts';
import { HttpProblem } from './httpProblem';
import { ODataFilterError, parseODataFilter } from './odataFilter';
import type { FilterOptions } from './odataFilter';
import { investigationPackage } from './zip';

export { investigationPackage } from './zip';
export { ALERT_CLASSIFICATIONS, ALERT_DETERMINATIONS, ALERT_SEVERITIES, ALERT_STATUSES, alertId } from './alerts';
export type {
	AlertClassification,
	AlertSeverity,
	AlertStatus,
	AlertUpdate,
	SimulatedAlert,
	SimulatedAlertComment,
	SimulatedAlertEvidence,
	SimulatedAlertUser,
	SimulatedAlertView,
} from './alerts';

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

/** Overrides the number of calls one endpoint class allows; the windows stay those of `rateLimit`. */
export interface EndpointRateLimit {
	perWindow?: number;
	perHour?: number;
}

export type MachineActionStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';

export type DuplicateAnswer = 'error' | 'existing';

/** How a launched action moves on by itself, measured from its creation with the simulator's clock. */
export interface ActionLifecycle {
	inProgressAfterMs: number;
	finalAfterMs: number;
	outcome?: 'Succeeded' | 'Failed';
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

export interface SimulatedMachineIpAddress {
	ipAddress: string;
	macAddress: string;
	operationalStatus: string;
}

export interface SimulatedMachine {
	id: string;
	computerDnsName: string;
	firstSeen: string;
	lastSeen: string;
	osPlatform: string;
	osArchitecture: string;
	version: string | null;
	osBuild: number | null;
	lastIpAddress: string;
	lastExternalIpAddress: string;
	ipAddresses: SimulatedMachineIpAddress[];
	healthStatus: string;
	onboardingStatus: string;
	rbacGroupName: string;
	rbacGroupId: number;
	aadDeviceId: string | null;
	machineTags: string[];
	riskScore: string;
	exposureLevel: string;
	deviceValue: string;
	isAadJoined: boolean;
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
	/** The rate-limit class of an API request (see ENDPOINT_CLASSES); unset for other requests. */
	endpoint?: string;
}

/** New alerts arriving by themselves on a real timer, as Defender raises them. */
export interface AlertFeed {
	everyMs: number;
	/** Stop after this many alerts (default: never). */
	count?: number;
	/** Fields every fed alert gets, e.g. `{ severity: 'High' }`. */
	overrides?: Partial<SimulatedAlert>;
	/** Also move the oldest open alert one step on each tick (New → InProgress → Resolved), as a system update. */
	progress?: boolean;
}

export interface SimulatorOptions {
	port?: number;
	host?: string;
	apps?: SimulatedApp[];
	tokenLifetimeSeconds?: number;
	/** Per app and endpoint class; false turns it off for every class not named in endpointRateLimits. */
	rateLimit?: Partial<RateLimit> | false;
	/** Per endpoint class overrides of the calls allowed, e.g. `{ getPackageUri: { perWindow: 5 } }`. */
	endpointRateLimits?: Record<string, EndpointRateLimit>;
	/** Largest page the list endpoints serve before they emit @odata.nextLink. */
	pageSize?: number;
	/** Origin written into @odata.nextLink, to test a server that points elsewhere. */
	nextLinkOrigin?: string;
	/** A cancelled action keeps showing its old status for this many reads before it shows Cancelled. */
	cancelSettlesAfterReads?: number;
	/** What a launch answers while the same kind of action is active on the machine (default 'error'). */
	duplicateAnswer?: DuplicateAnswer;
	/** Launched actions progress by themselves; without it they stay Pending. */
	lifecycle?: ActionLifecycle;
	/** Get of a launched action answers 404 for this long after its creation, as Defender may. */
	freshActionNotFoundMs?: number;
	/** Adds an alert every `everyMs` until close(); timers are unref()'d so they never keep a process alive. */
	alertFeed?: AlertFeed;
	/** What an alert shows for evidence without `$expand=evidence`: no property (default) or an empty array, as the doc's example does. */
	unexpandedEvidence?: 'omit' | 'empty';
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
		'Alert.Read.All',
		'Alert.ReadWrite.All',
	],
	name: 'n8n Defender automation',
};

export const ACCEPTED_SCOPES = [
	'https://api.securitycenter.microsoft.com/.default',
	'https://api.security.microsoft.com/.default',
	'https://securitycenter.onmicrosoft.com/windowsatpservice/.default',
	'https://securitycenter.onmicrosoft.us/windowsatpservice/.default',
];

/** Every rate-limit class: Defender states its limits per API, so each counts on its own. */
export const ENDPOINT_CLASSES = [
	'cancel',
	'getAction',
	'listActions',
	'getPackageUri',
	'machines',
	'isolate',
	'unisolate',
	'runAntiVirusScan',
	'collectInvestigationPackage',
	'restrictCodeExecution',
	'unrestrictCodeExecution',
	'stopAndQuarantineFile',
	'offboard',
	'alerts',
	'updateAlert',
] as const;

export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

interface LaunchKind {
	/** Path segment after the machine id, matched case-insensitively. */
	path: string;
	type: string;
	endpoint: EndpointClass;
	role: string;
}

const LAUNCHES: LaunchKind[] = [
	{ path: 'isolate', type: 'Isolate', endpoint: 'isolate', role: 'Machine.Isolate' },
	{ path: 'unisolate', type: 'Unisolate', endpoint: 'unisolate', role: 'Machine.Isolate' },
	{ path: 'runAntiVirusScan', type: 'RunAntiVirusScan', endpoint: 'runAntiVirusScan', role: 'Machine.Scan' },
	{ path: 'collectInvestigationPackage', type: 'CollectInvestigationPackage', endpoint: 'collectInvestigationPackage', role: 'Machine.CollectForensics' },
	{ path: 'restrictCodeExecution', type: 'RestrictCodeExecution', endpoint: 'restrictCodeExecution', role: 'Machine.RestrictExecution' },
	{ path: 'unrestrictCodeExecution', type: 'UnrestrictCodeExecution', endpoint: 'unrestrictCodeExecution', role: 'Machine.RestrictExecution' },
	{ path: 'StopAndQuarantineFile', type: 'StopAndQuarantineFile', endpoint: 'stopAndQuarantineFile', role: 'Machine.StopAndQuarantine' },
	{ path: 'offboard', type: 'Offboard', endpoint: 'offboard', role: 'Machine.Offboard' },
];

/** Limits Defender states for one API that differ from the common 100/min and 1500/h. */
const ENDPOINT_DEFAULT_LIMITS: Record<string, EndpointRateLimit> = {
	getPackageUri: { perWindow: 2, perHour: 120 },
};

const FINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'];
const ACTIVE_STATUSES = ['Pending', 'InProgress'];
const STATUSES: MachineActionStatus[] = ['Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled'];
const READ_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All'];
const ALERT_READ_ROLES = ['Alert.Read.All', 'Alert.ReadWrite.All'];
const ALERT_WRITE_ROLES = ['Alert.ReadWrite.All'];
/** Emails are matched without regard to case, as Defender does for assignedTo. */
const ALERT_FILTER_OPTIONS: FilterOptions = { caseInsensitiveFields: ['assignedTo'] };
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
const ACTION_FILTER_FIELDS = ['id', 'status', 'machineId', 'type', 'requestor', 'creationDateTimeUtc'];
const MACHINE_FILTER_FIELDS = [
	'computerDnsName',
	'id',
	'lastSeen',
	'lastIpAddress',
	'healthStatus',
	'osPlatform',
	'riskScore',
	'exposureLevel',
	'onboardingStatus',
	'rbacGroupId',
	'aadDeviceId',
	'deviceValue',
	'version',
	'machineTags',
];
const MACHINE_FILTER_OPTIONS: FilterOptions = { caseInsensitiveFields: ['computerDnsName'], arrayFields: ['machineTags'] };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MACHINE_ID = /^[0-9a-f]{40}$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
const MAX_TOP = 10_000;
const ISOLATION_TYPES = ['Full', 'Selective', 'UnManagedDevice'];
const SCAN_TYPES = ['Quick', 'Full'];
const PACKAGE_SAS_VERSION = '2026-01-01';

const PLATFORMS = [
	{ osPlatform: 'Windows10', version: '22H2', osBuild: 19045, rbacGroupName: 'Workstations', rbacGroupId: 1, aad: true },
	{ osPlatform: 'Windows11', version: '23H2', osBuild: 22631, rbacGroupName: 'Workstations', rbacGroupId: 1, aad: true },
	{ osPlatform: 'WindowsServer2022', version: '21H2', osBuild: 20348, rbacGroupName: 'Servers', rbacGroupId: 2, aad: false },
	{ osPlatform: 'Linux', version: '22.04', osBuild: null, rbacGroupName: 'Linux servers', rbacGroupId: 3, aad: false },
];
const RISK_SCORES = ['None', 'Low', 'Medium', 'High'];
const EXPOSURE_LEVELS = ['Low', 'Medium', 'High'];

interface IssuedToken {
	app: SimulatedApp;
	expiresAt: number;
}

interface WindowCounter {
	start: number;
	count: number;
}

type Route =
	| { kind: 'listActions' | 'listMachines'; endpoint: EndpointClass; method: 'GET' }
	| { kind: 'getAction' | 'getPackageUri' | 'getMachine'; endpoint: EndpointClass; method: 'GET'; id: string }
	| { kind: 'cancel'; endpoint: EndpointClass; method: 'POST'; id: string }
	| { kind: 'launch'; endpoint: EndpointClass; method: 'POST'; id: string; launch: LaunchKind }
	| { kind: 'listAlerts'; endpoint: EndpointClass; method: 'GET' }
	| { kind: 'getAlert'; endpoint: EndpointClass; method: 'GET'; id: string }
	| { kind: 'updateAlert'; endpoint: EndpointClass; method: 'PATCH'; id: string };

const deterministicMachineId = (index: number) =>
	createHash('sha1').update(`machine-${index}`).digest('hex');

const machineName = (index: number) => `desktop-${String(index).padStart(3, '0')}.contoso.local`;

/** Which API a path belongs to; the method, checked after rate limiting, only picks between APIs sharing a path. */
function route(pathname: string, method = 'GET'): Route | undefined {
	let match = /^\/api\/alerts\/?$/i.exec(pathname);
	if (match) return { kind: 'listAlerts', endpoint: 'alerts', method: 'GET' };
	match = /^\/api\/alerts\/([^/]+)\/?$/i.exec(pathname);
	if (match) {
		return method.toUpperCase() === 'PATCH'
			? { kind: 'updateAlert', endpoint: 'updateAlert', method: 'PATCH', id: match[1] }
			: { kind: 'getAlert', endpoint: 'alerts', method: 'GET', id: match[1] };
	}
	match = /^\/api\/machineactions\/?$/i.exec(pathname);
	if (match) return { kind: 'listActions', endpoint: 'listActions', method: 'GET' };
	match = /^\/api\/machineactions\/([^/]+)\/?$/i.exec(pathname);
	if (match) return { kind: 'getAction', endpoint: 'getAction', method: 'GET', id: match[1] };
	match = /^\/api\/machineactions\/([^/]+)\/cancel\/?$/i.exec(pathname);
	if (match) return { kind: 'cancel', endpoint: 'cancel', method: 'POST', id: match[1] };
	match = /^\/api\/machineactions\/([^/]+)\/getPackageUri(?:\(\))?\/?$/i.exec(pathname);
	if (match) return { kind: 'getPackageUri', endpoint: 'getPackageUri', method: 'GET', id: match[1] };
	match = /^\/api\/machines\/?$/i.exec(pathname);
	if (match) return { kind: 'listMachines', endpoint: 'machines', method: 'GET' };
	match = /^\/api\/machines\/([^/]+)\/?$/i.exec(pathname);
	if (match) return { kind: 'getMachine', endpoint: 'machines', method: 'GET', id: match[1] };
	match = /^\/api\/machines\/([^/]+)\/([^/]+)\/?$/i.exec(pathname);
	const launch = match ? LAUNCHES.find((candidate) => candidate.path.toLowerCase() === match?.[2].toLowerCase()) : undefined;
	if (match && launch) return { kind: 'launch', endpoint: launch.endpoint, method: 'POST', id: match[1], launch };
	return undefined;
}

/** Deterministic, varied machine i: the same index always gives the same machine. */
function defaultMachine(index: number): SimulatedMachine {
	const id = deterministicMachineId(index);
	const platform = PLATFORMS[index % PLATFORMS.length];
	const aad = createHash('sha1').update(`aad-device-${index}`).digest('hex');
	const ip = `10.0.${Math.floor((index + 10) / 256)}.${(index + 10) % 256}`;
	const tags: string[] = [];
	if (index % 3 === 0) tags.push('Finance');
	if (index % 4 === 1) tags.push('VIP');
	return {
		id,
		computerDnsName: machineName(index),
		firstSeen: new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + index * 86_400_000).toISOString(),
		lastSeen: new Date(Date.UTC(2026, 10, 1, 7, 30, 0) - index * 3_600_000).toISOString(),
		osPlatform: platform.osPlatform,
		osArchitecture: '64-bit',
		version: platform.version,
		osBuild: platform.osBuild,
		lastIpAddress: ip,
		lastExternalIpAddress: `203.0.113.${(index % 254) + 1}`,
		ipAddresses: [{ ipAddress: ip, macAddress: id.slice(0, 12).toUpperCase(), operationalStatus: 'Up' }],
		healthStatus: index % 5 === 4 ? 'Inactive' : 'Active',
		onboardingStatus: 'Onboarded',
		rbacGroupName: platform.rbacGroupName,
		rbacGroupId: platform.rbacGroupId,
		aadDeviceId: platform.aad
			? `${aad.slice(0, 8)}-${aad.slice(8, 12)}-4${aad.slice(13, 16)}-8${aad.slice(17, 20)}-${aad.slice(20, 32)}`
			: null,
		machineTags: tags,
		riskScore: RISK_SCORES[index % RISK_SCORES.length],
		exposureLevel: EXPOSURE_LEVELS[index % EXPOSURE_LEVELS.length],
		deviceValue: index % 6 === 2 ? 'High' : 'Normal',
		isAadJoined: platform.aad,
	};
}

export class DefenderSimulator {
	readonly actions = new Map<string, SimulatedMachineAction>();
	readonly machines = new Map<string, SimulatedMachine>();
	readonly alerts = new Map<string, SimulatedAlert>();
	readonly requests: RecordedRequest[] = [];
	/** Requests to the package download server, which must arrive without the API's bearer token. */
	readonly downloadRequests: RecordedRequest[] = [];
	tokenRequests = 0;
	rateLimited = 0;
	readonly rateLimitedByEndpoint: Record<string, number> = {};
	readonly issuedAccessTokens: string[] = [];
	readonly apps: SimulatedApp[];
	/** What a launch answers while the same kind of action is Pending or InProgress on the machine. */
	duplicateAnswer: DuplicateAnswer;

	private readonly tokens = new Map<string, IssuedToken>();
	private readonly faults: Fault[] = [];
	private readonly windows = new Map<string, { minute: WindowCounter; hour: WindowCounter }>();
	private readonly sockets = new Set<Socket>();
	/** Cancelled actions still showing their earlier status, with the reads left before they settle. */
	private readonly settling = new Map<string, { shownStatus: string; readsLeft: number }>();
	/** Actions launched through the API, with their creation time and whether the lifecycle still moves them. */
	private readonly launched = new Map<string, { createdAt: number; automatic: boolean }>();
	/** Signatures of issued package links, to the action id each one opens. */
	private readonly packageSignatures = new Map<string, string>();
	private readonly rateLimit: RateLimit | false;
	private readonly server: Server;
	private readonly downloadServer: Server;
	private readonly now: () => number;
	private seeded = 0;
	private machineCount = 0;
	private alertCount = 0;
	private alertFeedTimer: NodeJS.Timeout | undefined;
	private baseUrl = '';
	private downloadBaseUrl = '';

	constructor(private readonly options: SimulatorOptions = {}) {
		this.apps = options.apps ?? [DEFAULT_APP];
		this.now = options.now ?? Date.now;
		this.duplicateAnswer = options.duplicateAnswer ?? 'error';
		const feed = options.alertFeed;
		if (feed && !(Number.isFinite(feed.everyMs) && feed.everyMs > 0)) throw new Error(`alertFeed.everyMs must be a positive number, got ${feed.everyMs}`);
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
		this.downloadServer = createServer((req, res) => void this.handleDownload(req, res));
		for (const server of [this.server, this.downloadServer]) {
			server.on('connection', (socket: Socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
		}
	}

	get url(): string {
		return this.baseUrl;
	}

	/** Origin of the storage server the investigation package links point at. */
	get downloadOrigin(): string {
		return this.downloadBaseUrl;
	}

	tokenUrl(tenantId = this.apps[0].tenantId): string {
		return `${this.baseUrl}/${tenantId}/oauth2/v2.0/token`;
	}

	async start(): Promise<this> {
		const host = this.options.host ?? '127.0.0.1';
		this.baseUrl = await listen(this.server, this.options.port ?? 0, host);
		// Always loopback: package links only need to work from this machine, on an origin of their own.
		this.downloadBaseUrl = await listen(this.downloadServer, 0, '127.0.0.1');
		this.startAlertFeed();
		return this;
	}

	async close(): Promise<void> {
		clearInterval(this.alertFeedTimer);
		this.alertFeedTimer = undefined;
		for (const socket of this.sockets) socket.destroy();
		await Promise.all(
			[this.server, this.downloadServer].map(
				(server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
			),
		);
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
			computerDnsName: machineName(index % 10),
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

	/** Adds one machine; machine i gets the id and name that addAction's i-th action refers to. */
	addMachine(overrides: Partial<SimulatedMachine> = {}): SimulatedMachine {
		const machine: SimulatedMachine = { ...defaultMachine(this.machineCount++), ...overrides };
		this.machines.set(machine.id, machine);
		return machine;
	}

	seedMachines(count: number, overrides: Partial<SimulatedMachine> = {}): SimulatedMachine[] {
		return Array.from({ length: count }, () => this.addMachine(overrides));
	}

	/** Adds one alert raised now on the next seeded machine; unset fields get realistic values, lastUpdateTime = alertCreationTime. */
	addAlert(overrides: Partial<SimulatedAlert> = {}): SimulatedAlert {
		// A field given as undefined keeps its default rather than blanking it.
		overrides = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<SimulatedAlert>;
		const index = this.alertCount++;
		const parsed = overrides.alertCreationTime === undefined ? Number.NaN : Date.parse(overrides.alertCreationTime);
		const createdMs = Number.isNaN(parsed) ? this.now() : parsed;
		const machine = this.alertMachine(index, overrides.machineId);
		const alert: SimulatedAlert = { ...defaultAlert(index, createdMs, machine, this.apps[0].tenantId), ...overrides, machineId: machine.id };
		if (overrides.lastUpdateTime === undefined) alert.lastUpdateTime = alert.alertCreationTime;
		this.alerts.set(alert.id, alert);
		return alert;
	}

	/** Adds `count` alerts created 1 s apart, the last one now; an alertCreationTime override makes them all equal. */
	seedAlerts(count: number, overrides: Partial<SimulatedAlert> = {}): SimulatedAlert[] {
		const now = this.now();
		return Array.from({ length: count }, (_, index) =>
			this.addAlert({ alertCreationTime: new Date(now - (count - 1 - index) * 1000).toISOString(), ...overrides }),
		);
	}

	/** Changes an alert as Defender does by itself: lastUpdateTime becomes now unless given; resolving sets resolvedTime. */
	updateAlertBySystem(id: string, changes: Partial<SimulatedAlert>): SimulatedAlert {
		const alert = this.alerts.get(id);
		if (!alert) throw new Error(`No alert with id ${id}`);
		if (changes.id !== undefined && changes.id !== alert.id) throw new Error(`An alert keeps its id (${alert.id})`);
		return this.applyAlertChanges(alert, changes);
	}

	/** Sets an action's status by hand; the lifecycle no longer moves that action afterwards. */
	setActionStatus(id: string, status: MachineActionStatus): SimulatedMachineAction {
		const action = this.actions.get(id) ?? this.actions.get(id.toLowerCase());
		if (!action) throw new Error(`No machine action with id ${id}`);
		if (!STATUSES.includes(status)) throw new Error(`Unknown machine action status ${String(status)}`);
		const launch = this.launched.get(action.id);
		if (launch) launch.automatic = false;
		this.settling.delete(action.id);
		action.status = status;
		action.lastUpdateDateTimeUtc = new Date(this.now()).toISOString();
		return action;
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

	private recordOf(req: IncomingMessage, url: URL, body: string): RecordedRequest {
		return {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			body,
			at: this.now(),
		};
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://simulator');
		const record = this.recordOf(req, url, body);
		const endpoint = url.pathname.startsWith('/api/') ? route(url.pathname, req.method)?.endpoint : undefined;
		if (endpoint) record.endpoint = endpoint;
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
				send(...this.api(req, url, body));
				return;
			}
			throw new HttpProblem(404, 'ResourceNotFound', `No route for ${req.method} ${url.pathname}`);
		} catch (error) {
			if (error instanceof HttpProblem) {
				send(error.status, errorBody(error.code, error.message), error.headers);
				return;
			}
			send(500, errorBody('InternalServerError', 'Simulator failure'));
		}
	}

	/** The storage server behind package links: it checks the link's signature, never a bearer token. */
	private async handleDownload(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://download');
		const record = this.recordOf(req, url, body);
		this.downloadRequests.push(record);
		const fail = (status: number, code: string, message: string) => {
			record.status = status;
			res.writeHead(status, { 'Content-Type': 'application/xml' });
			res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
		};
		const match = /^\/packages\/([^/]+)\.zip$/.exec(url.pathname);
		if (!match) return fail(404, 'ResourceNotFound', 'The specified resource does not exist.');
		if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'UnsupportedHttpVerb', 'The resource does not support the specified HTTP verb.');
		const signature = url.searchParams.get('sig') ?? '';
		if (this.packageSignatures.get(signature) !== match[1] || url.searchParams.get('sv') !== PACKAGE_SAS_VERSION) {
			return fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of the signature is formed correctly.');
		}
		const bytes = investigationPackage(match[1]);
		record.status = 200;
		res.writeHead(200, {
			'Content-Type': 'application/zip',
			'Content-Length': String(bytes.length),
			'Content-Disposition': `attachment; filename="${match[1]}.zip"`,
		});
		res.end(req.method === 'HEAD' ? undefined : bytes);
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
		if (!this.apps.some((candidate) => candidate.tenantId === tenantId)) {
			return oauthError(
				400,
				'invalid_request',
				`AADSTS90002: Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
			);
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

	/** The limit one endpoint class enforces, or undefined when it is not limited. */
	private limitFor(endpoint: string): RateLimit | undefined {
		const override = this.options.endpointRateLimits?.[endpoint];
		if (!this.rateLimit && !override) return undefined;
		const base: RateLimit = this.rateLimit || { perWindow: 100, windowMs: 60_000, perHour: 1500, hourMs: 3_600_000, retryAfterFormat: 'seconds' };
		const stated = ENDPOINT_DEFAULT_LIMITS[endpoint];
		return {
			...base,
			perWindow: override?.perWindow ?? stated?.perWindow ?? base.perWindow,
			perHour: override?.perHour ?? stated?.perHour ?? base.perHour,
		};
	}

	private countCall(app: SimulatedApp, endpoint: string): void {
		const limit = this.limitFor(endpoint);
		if (!limit) return;
		const now = this.now();
		const key = `${app.tenantId}/${app.clientId}/${endpoint}`;
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
			this.rateLimitedByEndpoint[endpoint] = (this.rateLimitedByEndpoint[endpoint] ?? 0) + 1;
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
		if (!action) throw new HttpProblem(404, 'ResourceNotFound', `Machine action with id ${id} was not found`);
		return action;
	}

	/** Looks a machine up by its 40-hex id or, as Defender allows on Get, its computer name in any case. */
	private findMachine(idOrName: string, byName: boolean): SimulatedMachine {
		const lower = idOrName.toLowerCase();
		const machine =
			this.machines.get(idOrName) ??
			[...this.machines.values()].find(
				(candidate) => candidate.id.toLowerCase() === lower || (byName && candidate.computerDnsName.toLowerCase() === lower),
			);
		if (!machine) throw new HttpProblem(404, 'ResourceNotFound', `Machine ${idOrName} was not found`);
		return machine;
	}

	/** Moves launched actions along the configured lifecycle, as of now; reads see the result. */
	private advanceLifecycles(): void {
		const lifecycle = this.options.lifecycle;
		if (!lifecycle) return;
		const now = this.now();
		for (const [id, launch] of this.launched) {
			const action = this.actions.get(id);
			if (!launch.automatic || !action || FINAL_STATUSES.includes(action.status)) continue;
			const age = now - launch.createdAt;
			if (age >= lifecycle.finalAfterMs) {
				const outcome = lifecycle.outcome ?? 'Succeeded';
				action.status = outcome;
				if (outcome === 'Failed') action.errorHResult = -2147467259;
				action.lastUpdateDateTimeUtc = new Date(launch.createdAt + lifecycle.finalAfterMs).toISOString();
				launch.automatic = false;
			} else if (age >= lifecycle.inProgressAfterMs && action.status === 'Pending') {
				action.status = 'InProgress';
				action.lastUpdateDateTimeUtc = new Date(launch.createdAt + lifecycle.inProgressAfterMs).toISOString();
			}
		}
	}

	private api(req: IncomingMessage, url: URL, body: string): [number, unknown] {
		const app = this.authenticate(req);
		const found = route(url.pathname, req.method);
		if (!found) throw new HttpProblem(404, 'ResourceNotFound', `Resource ${url.pathname} was not found`);
		this.countCall(app, found.endpoint);
		if (req.method !== found.method) throw new HttpProblem(405, 'MethodNotAllowed', 'Method not allowed');
		let id = '';
		try {
			id = 'id' in found ? decodeURIComponent(found.id) : '';
		} catch {
			throw new HttpProblem(400, 'InvalidInput', `Invalid id in ${url.pathname}`);
		}
		this.advanceLifecycles();
		const actionsContext = `${this.baseUrl}/api/$metadata#MachineActions`;
		switch (found.kind) {
			case 'listActions': {
				this.requireRole(app, READ_ROLES);
				// Lists show an unsettled cancel like Get does, and each listed action counts as one read.
				const shown = [...this.actions.values()].map((action) => this.view(action, false));
				const matching = this.filtered(shown, url, ACTION_FILTER_FIELDS, ['creationDateTimeUtc']);
				const page = this.page(orderByTimes(matching, url.searchParams.get('$orderby'), ACTION_ORDERBY_FIELDS), url, actionsContext);
				page.value = (page.value as SimulatedMachineAction[]).map((action) => this.view(this.actions.get(action.id) ?? action));
				return [200, page];
			}
			case 'getAction': {
				this.requireRole(app, READ_ROLES);
				const action = this.findAction(id);
				const launch = this.launched.get(action.id);
				const freshMs = this.options.freshActionNotFoundMs ?? 0;
				if (launch && this.now() - launch.createdAt < freshMs) {
					throw new HttpProblem(404, 'ResourceNotFound', `Machine action with id ${id} was not found`);
				}
				return [200, { '@odata.context': `${actionsContext}/$entity`, ...this.view(action) }];
			}
			case 'cancel':
				return [200, this.cancel(app, req, id, body, actionsContext)];
			case 'getPackageUri':
				return [200, this.packageUri(app, id)];
			case 'listMachines': {
				this.requireRole(app, READ_ROLES);
				const machines = this.filtered([...this.machines.values()], url, MACHINE_FILTER_FIELDS, ['lastSeen'], MACHINE_FILTER_OPTIONS);
				if (machines.length === 0) throw new HttpProblem(404, 'ResourceNotFound', 'No recent machines found');
				return [200, this.page(machines, url, `${this.baseUrl}/api/$metadata#Machines`)];
			}
			case 'getMachine':
				this.requireRole(app, READ_ROLES);
				return [200, { '@odata.context': `${this.baseUrl}/api/$metadata#Machines/$entity`, ...this.findMachine(id, true) }];
			case 'launch':
				return this.launch(app, req, id, found.launch, body, actionsContext);
			case 'listAlerts': {
				this.requireRole(app, ALERT_READ_ROLES);
				const expand = expandsEvidence(url.searchParams);
				const matching = this.filtered([...this.alerts.values()], url, ALERT_FILTER_FIELDS, ALERT_DATE_FIELDS, ALERT_FILTER_OPTIONS);
				const sorted = sortAlerts(matching, url.searchParams.get('$orderby'));
				const page = this.page(sorted, url, `${this.baseUrl}/api/$metadata#Alerts`);
				page.value = (page.value as SimulatedAlert[]).map((alert) => this.showAlert(alert, expand));
				return [200, page];
			}
			case 'getAlert': {
				this.requireRole(app, ALERT_READ_ROLES);
				const alert = this.findAlert(id);
				return [200, { '@odata.context': `${this.baseUrl}/api/$metadata#Alerts/$entity`, ...this.showAlert(alert, expandsEvidence(url.searchParams)) }];
			}
			case 'updateAlert':
				return [200, this.updateAlert(app, req, id, body, url)];
		}
	}

	/** The machine alert i is raised on: a seeded one in turn, the one named by machineId, or a deterministic id. */
	private alertMachine(index: number, machineId: string | undefined): AlertMachine {
		const seeded = [...this.machines.values()];
		const named = machineId === undefined ? undefined : seeded.find((machine) => machine.id.toLowerCase() === machineId.toLowerCase());
		const machine = named ?? (machineId === undefined && seeded.length > 0 ? seeded[index % seeded.length] : undefined);
		if (machine) return { id: machine.id, computerDnsName: machine.computerDnsName, rbacGroupName: machine.rbacGroupName };
		return { id: machineId ?? deterministicMachineId(index % 10), computerDnsName: machineName(index % 10), rbacGroupName: null };
	}

	private showAlert(alert: SimulatedAlert, withEvidence: boolean): SimulatedAlertView {
		return alertView(alert, withEvidence, this.options.unexpandedEvidence === 'empty');
	}

	/** Looks an alert up; ids that could never be Defender's (slashes, dots, spaces) are refused before the lookup. */
	private findAlert(id: string): SimulatedAlert {
		if (!ALERT_ID.test(id)) throw new HttpProblem(400, 'InvalidInput', `Alert id '${id}' is not a valid id`);
		const alert = this.alerts.get(id) ?? [...this.alerts.values()].find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
		if (!alert) throw new HttpProblem(404, 'ResourceNotFound', `Alert with id ${id} was not found`);
		return alert;
	}

	private updateAlert(app: SimulatedApp, req: IncomingMessage, id: string, body: string, url: URL): unknown {
		this.requireRole(app, ALERT_WRITE_ROLES);
		if (!ALERT_ID.test(id)) throw new HttpProblem(400, 'InvalidInput', `Alert id '${id}' is not a valid id`);
		const update = parseAlertUpdate(this.jsonBody(req, body));
		const expand = expandsEvidence(url.searchParams);
		const alert = this.findAlert(id);
		const { comment, ...fields } = update;
		const changes: Partial<SimulatedAlert> = { ...fields };
		if (comment !== undefined) {
			changes.comments = [...alert.comments, { comment, createdBy: app.name ?? app.clientId, createdTime: new Date(this.now()).toISOString() }];
		}
		this.applyAlertChanges(alert, changes);
		return { '@odata.context': `${this.baseUrl}/api/$metadata#Alerts/$entity`, ...this.showAlert(alert, expand) };
	}

	private applyAlertChanges(alert: SimulatedAlert, changes: Partial<SimulatedAlert>): SimulatedAlert {
		const stamp = new Date(this.now()).toISOString();
		const status: Partial<SimulatedAlert> = {};
		if (changes.status === 'Resolved' && alert.status !== 'Resolved') status.resolvedTime = stamp;
		if (changes.status !== undefined && changes.status !== 'Resolved' && alert.status === 'Resolved') status.resolvedTime = null;
		Object.assign(alert, status, changes, { lastUpdateTime: changes.lastUpdateTime ?? stamp });
		return alert;
	}

	/** Starts the alert feed: real timers, since a feed is there for a running node or demo to watch. */
	private startAlertFeed(): void {
		const feed = this.options.alertFeed;
		if (!feed || feed.count === 0 || this.alertFeedTimer) return;
		let fed = 0;
		this.alertFeedTimer = setInterval(() => {
			if (feed.progress) {
				const open = sortAlerts([...this.alerts.values()], null).find((alert) => alert.status === 'New' || alert.status === 'InProgress');
				if (open) this.progressAlert(open.id);
			}
			this.addAlert(feed.overrides);
			if (feed.count !== undefined && ++fed >= feed.count) {
				clearInterval(this.alertFeedTimer);
				this.alertFeedTimer = undefined;
			}
		}, feed.everyMs);
		this.alertFeedTimer.unref();
	}

	/** One system step for an alert (New → InProgress → Resolved with its investigation); a resolved one only gets a newer lastUpdateTime. */
	private progressAlert(id: string): SimulatedAlert {
		const alert = this.alerts.get(id);
		if (!alert) throw new HttpProblem(404, 'ResourceNotFound', `Alert with id ${id} was not found`);
		return this.updateAlertBySystem(alert.id, systemProgress(alert, [...this.alerts.keys()].indexOf(alert.id)));
	}

	/** The JSON object a POST carries; Defender wants application/json and reads keys case-sensitively. */
	private jsonBody(req: IncomingMessage, body: string): Record<string, unknown> {
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
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	}

	private requireComment(params: Record<string, unknown>): string {
		const comment = params.Comment;
		if (typeof comment !== 'string' || comment.trim() === '') {
			throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Comment' is required");
		}
		return comment;
	}

	private cancel(app: SimulatedApp, req: IncomingMessage, id: string, body: string, context: string): unknown {
		const comment = this.requireComment(this.jsonBody(req, body));
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

	private launch(
		app: SimulatedApp,
		req: IncomingMessage,
		machineId: string,
		kind: LaunchKind,
		body: string,
		context: string,
	): [number, unknown] {
		this.requireRole(app, [kind.role]);
		if (!MACHINE_ID.test(machineId)) throw new HttpProblem(400, 'InvalidInput', `Machine id '${machineId}' is not a valid machine id`);
		const params = this.jsonBody(req, body);
		const comment = this.requireComment(params);
		let scope: string | null = null;
		let relatedFileInfo: SimulatedMachineAction['relatedFileInfo'] = null;
		if (kind.type === 'Isolate') {
			const isolationType = params.IsolationType;
			if (isolationType !== undefined && !ISOLATION_TYPES.includes(String(isolationType))) {
				throw new HttpProblem(400, 'InvalidInput', `IsolationType must be one of ${ISOLATION_TYPES.join(', ')}`);
			}
			scope = isolationType === undefined ? 'Full' : String(isolationType);
		} else if (kind.type === 'RunAntiVirusScan') {
			const scanType = params.ScanType;
			if (scanType === undefined) throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'ScanType' is required");
			if (!SCAN_TYPES.includes(String(scanType))) throw new HttpProblem(400, 'InvalidInput', `ScanType must be one of ${SCAN_TYPES.join(', ')}`);
			scope = String(scanType);
		} else if (kind.type === 'StopAndQuarantineFile') {
			const sha1 = params.Sha1;
			if (sha1 === undefined) throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Sha1' is required");
			if (typeof sha1 !== 'string' || !SHA1.test(sha1)) throw new HttpProblem(400, 'InvalidHashValue', `'${String(sha1)}' is not a valid SHA-1 hash`);
			relatedFileInfo = { fileIdentifier: sha1, fileIdentifierType: 'Sha1' };
		}
		const machine = this.findMachine(machineId, false);
		const active = [...this.actions.values()].find(
			(action) =>
				action.type === kind.type && action.machineId.toLowerCase() === machine.id.toLowerCase() && ACTIVE_STATUSES.includes(action.status),
		);
		if (active) {
			if (this.duplicateAnswer === 'existing') return [201, { '@odata.context': `${context}/$entity`, ...active }];
			throw new HttpProblem(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
		}
		const now = this.now();
		const stamp = new Date(now).toISOString();
		const action: SimulatedMachineAction = {
			id: randomUUID(),
			type: kind.type,
			scope,
			requestor: app.name ?? app.clientId,
			requestorComment: comment,
			requestSource: 'PublicApi',
			title: null,
			externalId: null,
			status: 'Pending',
			machineId: machine.id,
			computerDnsName: machine.computerDnsName,
			creationDateTimeUtc: stamp,
			lastUpdateDateTimeUtc: stamp,
			cancellationRequestor: null,
			cancellationComment: null,
			cancellationDateTimeUtc: null,
			errorHResult: 0,
			relatedFileInfo,
			commands: [],
			troubleshootInfo: null,
		};
		this.actions.set(action.id, action);
		this.launched.set(action.id, { createdAt: now, automatic: true });
		return [201, { '@odata.context': `${context}/$entity`, ...action }];
	}

	private packageUri(app: SimulatedApp, id: string): unknown {
		this.requireRole(app, READ_ROLES);
		const action = this.findAction(id);
		if (action.type !== 'CollectInvestigationPackage' || action.status !== 'Succeeded') {
			throw new HttpProblem(404, 'ResourceNotFound', `Package for action ${action.id} is not available`);
		}
		const signature = randomBytes(16).toString('hex');
		this.packageSignatures.set(signature, action.id);
		return {
			'@odata.context': `${this.baseUrl}/api/$metadata#Edm.String`,
			value: `${this.downloadBaseUrl}/packages/${action.id}.zip?sv=${PACKAGE_SAS_VERSION}&sig=${signature}`,
		};
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

	private filtered<T extends object>(
		entities: T[],
		url: URL,
		fields: readonly string[],
		dateFields: readonly string[],
		options: FilterOptions = {},
	): T[] {
		const filter = url.searchParams.get('$filter');
		if (!filter) return entities;
		try {
			const predicate = parseODataFilter(filter, fields, dateFields, options);
			return entities.filter((entity) => predicate(entity as Record<string, unknown>));
		} catch (error) {
			if (error instanceof ODataFilterError) throw new HttpProblem(400, 'ODataError', error.message);
			throw error;
		}
	}

	/** One page of a list, with @odata.nextLink pointing back at the same path when more remain. */
	private page(all: unknown[], url: URL, context: string): Record<string, unknown> {
		const query = url.searchParams;
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
			page['@odata.nextLink'] = `${this.options.nextLinkOrigin ?? this.baseUrl}${url.pathname}?${next.toString()}`;
		}
		return page;
	}

	/** Small control surface for trying the node by hand: seed actions and machines, change statuses, add faults. */
	private admin(url: URL, method: string, body: string): [number, unknown] {
		const path = url.pathname.replace(/\/$/, '');
		const query = url.searchParams;
		if (path === '/_simulator/actions' && method === 'GET') {
			this.advanceLifecycles();
			return [200, [...this.actions.values()]];
		}
		if (path === '/_simulator/seed' && method === 'POST') {
			const count = Math.min(1000, Number(query.get('count') ?? '5'));
			const type = query.get('type') ?? undefined;
			return [200, this.seed(count, type ? { type } : {}).map((action) => action.id)];
		}
		if (path === '/_simulator/machines' && method === 'GET') return [200, [...this.machines.values()]];
		if (path === '/_simulator/machines/seed' && method === 'POST') {
			const count = Math.min(1000, Number(query.get('count') ?? '10'));
			return [200, this.seedMachines(count).map(({ id, computerDnsName }) => ({ id, computerDnsName }))];
		}
		const status = /^\/_simulator\/actions\/([^/]+)\/status$/.exec(path);
		if (status && method === 'POST') {
			const wanted = query.get('status') ?? '';
			if (!STATUSES.some((candidate) => candidate === wanted)) {
				return [400, errorBody('InvalidInput', `status must be one of ${STATUSES.join(', ')}`)];
			}
			if (!this.actions.has(status[1])) return [404, errorBody('ResourceNotFound', `Machine action with id ${status[1]} was not found`)];
			return [200, this.setActionStatus(status[1], wanted as MachineActionStatus)];
		}
		if (path === '/_simulator/alerts' && method === 'GET') return [200, [...this.alerts.values()]];
		if (path === '/_simulator/alerts/seed' && method === 'POST') {
			const count = Math.min(1000, Number(query.get('count') ?? '5'));
			if (!Number.isInteger(count) || count < 0) return [400, errorBody('InvalidInput', 'count must be a whole number')];
			const overrides: Partial<SimulatedAlert> = {};
			const severity = query.get('severity');
			if (severity !== null) {
				const known = ALERT_SEVERITIES.find((candidate) => candidate === severity);
				if (!known) return [400, errorBody('InvalidInput', `severity must be one of ${ALERT_SEVERITIES.join(', ')}`)];
				overrides.severity = known;
			}
			const alertStatus = query.get('status');
			if (alertStatus !== null) {
				const known = ALERT_STATUSES.find((candidate) => candidate === alertStatus);
				if (!known) return [400, errorBody('InvalidInput', `status must be one of ${ALERT_STATUSES.join(', ')}`)];
				overrides.status = known;
			}
			for (const field of ['detectionSource', 'category', 'machineId', 'title', 'assignedTo'] as const) {
				const value = query.get(field);
				if (value !== null) overrides[field] = value;
			}
			return [200, this.seedAlerts(count, overrides)];
		}
		const touch = /^\/_simulator\/alerts\/([^/]+)\/touch$/.exec(path);
		if (touch && method === 'POST') {
			let id = touch[1];
			try {
				id = decodeURIComponent(id);
			} catch {
				return [400, errorBody('InvalidInput', `Invalid alert id ${id}`)];
			}
			if (!this.alerts.has(id)) return [404, errorBody('ResourceNotFound', `Alert with id ${id} was not found`)];
			let changes: unknown = {};
			try {
				changes = body.trim() === '' ? {} : JSON.parse(body);
			} catch {
				return [400, errorBody('InvalidRequestBody', 'Body must be a JSON object of alert fields, or empty')];
			}
			if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
				return [400, errorBody('InvalidRequestBody', 'Body must be a JSON object of alert fields, or empty')];
			}
			// An empty body moves the alert one step as Defender would; fields in the body are applied as given.
			const fields = changes as Partial<SimulatedAlert>;
			if (fields.id !== undefined && fields.id !== id) return [400, errorBody('InvalidInput', 'An alert keeps its id')];
			return [200, Object.keys(fields).length === 0 ? this.progressAlert(id) : this.updateAlertBySystem(id, fields)];
		}
		if (path === '/_simulator/duplicates' && method === 'POST') {
			const answer = query.get('answer');
			if (answer !== 'error' && answer !== 'existing') return [400, errorBody('InvalidInput', 'answer must be error or existing')];
			this.duplicateAnswer = answer;
			return [200, { duplicateAnswer: answer }];
		}
		if (path === '/_simulator/faults' && method === 'POST') {
			const fault = JSON.parse(body || '{}') as Omit<Fault, 'path'> & { path?: string };
			this.injectFault({ ...fault, path: fault.path ? new RegExp(fault.path) : undefined });
			return [200, { ok: true }];
		}
		if (path === '/_simulator/expire-tokens' && method === 'POST') {
			this.expireTokens();
			return [200, { ok: true }];
		}
		return [404, errorBody('ResourceNotFound', 'Unknown simulator control')];
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

async function listen(server: Server, port: number, host: string): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const { address, port: bound } = server.address() as AddressInfo;
	return `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
}

export async function startDefenderSimulator(options: SimulatorOptions = {}): Promise<DefenderSimulator> {
	return await new DefenderSimulator(options).start();
}

const ACTION_ORDERBY_FIELDS = ['creationDateTimeUtc', 'lastUpdateDateTimeUtc'] as const;

/** `$orderby` over time fields (asc or desc, comma separated), as Defender's lists take it; stable otherwise. */
function orderByTimes<T extends object>(entries: T[], orderby: string | null, fields: readonly string[]): T[] {
	if (orderby === null || orderby.trim() === '') return entries;
	const keys = orderby.split(',').map((part) => {
		const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(part);
		if (!match || !fields.includes(match[1])) {
			throw new HttpProblem(400, 'ODataError', `Ordering by '${part.trim()}' is not supported; use ${fields.join(' or ')} with asc or desc`);
		}
		return { field: match[1], sign: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
	});
	const time = (entry: T, field: string) => Date.parse(String((entry as Record<string, unknown>)[field]));
	return [...entries].sort((a, b) => {
		for (const { field, sign } of keys) {
			const difference = time(a, field) - time(b, field);
			if (difference !== 0) return sign * difference;
		}
		return 0;
	});
}
