import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

import { dispatchTargetOf } from './apiAnswer';
import type { SimulatedApp } from './core/auth/tokenAuthority';
import { answerRequest } from './core/dispatch';
import type { Fault } from './core/faults';
import { listen } from './core/http';
import type { RecordedRequest } from './core/http';
import type { SimulatedAlert } from './stores/alerts';
import type { ExposureStore } from './stores/exposure/exposureData';
import type { GraphStore } from './stores/graph/graphStore';
import type { SimulatedIndicator } from './stores/indicatorStore';
import { SAMPLE_INDICATORS } from './stores/indicatorStore';
import type { InvestigationStore } from './stores/investigations';
import type { LibraryFile, NewLibraryFile } from './stores/library';
import type { MachineActionStatus, SimulatedMachineAction } from './stores/machineActions';
import type { SimulatedMachine } from './stores/machines';
import { SimulatorState } from './stores/state';
import type { DuplicateAnswer, SimulatorOptions } from './stores/state';

/** Microsoft Defender for Endpoint's API and Entra ID's token endpoint over real HTTP, plus a package download server. */
export class DefenderSimulator {
	readonly actions: Map<string, SimulatedMachineAction>;
	readonly machines: Map<string, SimulatedMachine>;
	readonly alerts: Map<string, SimulatedAlert>;
	readonly requests: RecordedRequest[] = [];
	/** Requests to the package download server, which must arrive without the API's bearer token. */
	readonly downloadRequests: RecordedRequest[];
	readonly rateLimitedByEndpoint: Record<string, number>;
	readonly issuedAccessTokens: string[];
	readonly apps: SimulatedApp[];

	private readonly state: SimulatorState;
	private readonly sockets = new Set<Socket>();
	private readonly server: Server;
	private readonly downloadServer: Server;

	constructor(private readonly options: SimulatorOptions = {}) {
		this.state = new SimulatorState(options);
		const { actions, machines, alerts, downloads, rateLimits, auth } = this.state;
		this.actions = actions.actions;
		this.machines = machines.machines;
		this.alerts = alerts.alerts;
		this.downloadRequests = downloads.requests;
		this.rateLimitedByEndpoint = rateLimits.rateLimitedByEndpoint;
		this.issuedAccessTokens = auth.issuedAccessTokens;
		this.apps = auth.apps;
		// Node's own Date header comes from the real clock; answers carry Defender's clock instead.
		const target = dispatchTargetOf(this.state);
		this.server = createServer((req, res) => {
			res.sendDate = false;
			void answerRequest(target, this.requests, req, res);
		});
		this.downloadServer = createServer((req, res) => {
			res.sendDate = false;
			void downloads.handle(req, res);
		});
		for (const server of [this.server, this.downloadServer]) {
			server.on('connection', (socket: Socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
		}
	}

	get url(): string {
		return this.state.url;
	}

	/** Origin of the storage server the investigation package links point at. */
	get downloadOrigin(): string {
		return this.state.downloads.origin;
	}

	get tokenRequests(): number {
		return this.state.auth.tokenRequests;
	}

	set tokenRequests(count: number) {
		this.state.auth.tokenRequests = count;
	}

	get rateLimited(): number {
		return this.state.rateLimits.rateLimited;
	}

	set rateLimited(count: number) {
		this.state.rateLimits.rateLimited = count;
	}

	/** What a launch answers while the same kind of action is Pending or InProgress on the machine. */
	get duplicateAnswer(): DuplicateAnswer {
		return this.state.duplicateAnswer;
	}

	set duplicateAnswer(answer: DuplicateAnswer) {
		this.state.duplicateAnswer = answer;
	}

	/** How far Defender's clock is ahead of `now` (negative: behind), in milliseconds. */
	get clockOffsetMs(): number {
		return this.state.clock.offsetMs;
	}

	/** Skews Defender's clock: every timestamp it writes from now on, token expiry and the `Date` header follow. */
	setClockOffset(ms: number): void {
		this.state.clock.setOffset(ms);
	}

	/** Whether answers carry a `Date` header (from Defender's clock) at all. */
	setSendDateHeader(send: boolean): void {
		this.state.clock.sendDateHeader = send;
	}

	tokenUrl(tenantId = this.apps[0].tenantId): string {
		return `${this.url}/${tenantId}/oauth2/v2.0/token`;
	}

	async start(): Promise<this> {
		const host = this.options.host ?? '127.0.0.1';
		this.state.url = await listen(this.server, this.options.port ?? 0, host);
		// Always loopback: package links only need to work from this machine, on an origin of their own.
		this.state.downloads.origin = await listen(this.downloadServer, 0, '127.0.0.1');
		this.state.alerts.startFeed();
		return this;
	}

	async close(): Promise<void> {
		this.state.alerts.stopFeed();
		for (const socket of this.sockets) socket.destroy();
		await Promise.all(
			[this.server, this.downloadServer].map(
				(server) =>
					new Promise<void>((resolve) =>
						server.listening ? server.close(() => resolve()) : resolve(),
					),
			),
		);
	}

	/** Adds one machine action; fields not given get realistic values. */
	addAction(overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction {
		return this.state.actions.add(overrides);
	}

	seed(count: number, overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction[] {
		return this.state.actions.seed(count, overrides);
	}

	/** Adds one machine; machine i gets the id and name that addAction's i-th action refers to. */
	addMachine(overrides: Partial<SimulatedMachine> = {}): SimulatedMachine {
		return this.state.machines.add(overrides);
	}

	seedMachines(count: number, overrides: Partial<SimulatedMachine> = {}): SimulatedMachine[] {
		return this.state.machines.seed(count, overrides);
	}

	/** Adds one alert raised now on the next seeded machine; unset fields get realistic values, lastUpdateTime = alertCreationTime. */
	addAlert(overrides: Partial<SimulatedAlert> = {}): SimulatedAlert {
		return this.state.alerts.add(overrides);
	}

	/** Adds `count` alerts created 1 s apart, the last one now; an alertCreationTime override makes them all equal. */
	seedAlerts(count: number, overrides: Partial<SimulatedAlert> = {}): SimulatedAlert[] {
		return this.state.alerts.seed(count, overrides);
	}

	/** Changes an alert as Defender does by itself: lastUpdateTime becomes now unless given; resolving sets resolvedTime. */
	updateAlertBySystem(id: string, changes: Partial<SimulatedAlert>): SimulatedAlert {
		return this.state.alerts.updateBySystem(id, changes);
	}

	/** Adds a file to the live response library, as an upload would. */
	addLibraryFile(file: NewLibraryFile): LibraryFile {
		return this.state.library.add(file);
	}

	/** The live response library's files by lower-case name, with their content. */
	get libraryFiles(): ReadonlyMap<string, { entity: LibraryFile; content: Buffer }> {
		return this.state.library.files;
	}

	/** Puts a file on a simulated device, for live response's Get File. */
	addDeviceFile(machineId: string, path: string, content: string | Buffer): void {
		this.state.liveResponse.addDeviceFile(machineId, path, content);
	}

	/** The tenant's indicators, by id, as Defender holds them. */
	get indicators(): Map<string, SimulatedIndicator> {
		return this.state.indicators.indicators;
	}

	/** Adds indicators as an analyst would have in the portal; without arguments, a few samples of every kind. */
	seedIndicators(
		entries: Parameters<SimulatorState['indicators']['seed']>[0] = SAMPLE_INDICATORS,
	): SimulatedIndicator[] {
		return this.state.indicators.seed(entries);
	}

	/** Sets an action's status by hand; the lifecycle no longer moves that action afterwards. */
	setActionStatus(id: string, status: MachineActionStatus): SimulatedMachineAction {
		return this.state.actions.setStatus(id, status);
	}

	injectFault(fault: Fault): void {
		this.state.faults.inject(fault);
	}

	clearFaults(): void {
		this.state.faults.clear();
	}

	/** Makes every issued token invalid, as an expired or revoked token would be. */
	expireTokens(): void {
		this.state.auth.expireAll();
	}

	/** Microsoft Graph's incidents, alerts_v2 and queued hunting failures, for seeding and inspection. */
	get graph(): GraphStore {
		return this.state.graph;
	}

	/** Automated investigations, started or seeded. */
	get investigations(): InvestigationStore {
		return this.state.investigations;
	}

	/** Vulnerability management's extra rows (the devices' own derive from them). */
	get exposure(): ExposureStore {
		return this.state.exposure;
	}

	/** Requests to Microsoft Graph's API (/v1.0/...). */
	graphRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith('/v1.0/'));
	}

	apiRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith('/api/'));
	}
}
