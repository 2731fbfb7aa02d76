import { DEFAULT_APP, TokenAuthority } from '../core/auth/tokenAuthority';
import type { SimulatedApp } from '../core/auth/tokenAuthority';
import { AlertStore } from './alertStore';
import type { AlertFeed } from './alertStore';
import { SimulatorClock } from '../core/clock';
import { PackageDownloads } from './downloads';
import { ExposureStore } from './exposure/exposureData';
import { FaultList } from '../core/faults';
import { IndicatorStore } from './indicatorStore';
import { GraphStore } from './graph/graphStore';
import { InvestigationStore } from './investigations';
import { LibraryStore } from './library';
import { LiveResponseStore } from './liveResponseStore';
import type { LiveResponseOptions } from './liveResponseStore';
import { ActionStore } from './machineActions';
import type { ActionLifecycle } from './machineActions';
import { MachineStore } from './machines';
import type { Paging } from '../core/odata/odata';
import { RateLimiter } from '../core/limits/rateLimiter';
import type { EndpointRateLimit, RateLimit } from '../core/limits/rateLimiter';

/** What a launch answers while the same kind of action is active on the machine: a 400, or the active action. */
export type DuplicateAnswer = 'error' | 'existing';

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
	/** How live response actions move on and how long their result links work. */
	liveResponse?: LiveResponseOptions;
	/** Get of a launched action answers 404 for this long after its creation, as Defender may. */
	freshActionNotFoundMs?: number;
	/** Adds an alert every `everyMs` until close(); timers are unref()'d so they never keep a process alive. */
	alertFeed?: AlertFeed;
	/** What an alert shows for evidence without `$expand=evidence`: no property (default) or an empty array, as the doc's example does. */
	unexpandedEvidence?: 'omit' | 'empty';
	now?: () => number;
	/** Skews Defender's clock from `now` by this much (default 0): timestamps, token expiry and the `Date` header all move. */
	clockOffsetMs?: number;
	/** Whether answers carry a `Date` header from Defender's clock (default true). */
	sendDateHeader?: boolean;
	/** The tenant's cap on active indicators (Defender: 15,000). */
	indicatorLimit?: number;
}

/** Everything one simulator holds, which route handlers and control routes work on. */
export class SimulatorState {
	readonly clock: SimulatorClock;
	readonly auth: TokenAuthority;
	readonly rateLimits: RateLimiter;
	readonly faults = new FaultList();
	readonly actions: ActionStore;
	readonly machines: MachineStore;
	readonly alerts: AlertStore;
	readonly downloads: PackageDownloads;
	readonly library: LibraryStore;
	readonly liveResponse: LiveResponseStore;
	readonly indicators: IndicatorStore;
	/** What vulnerability management adds to the devices' own rows. */
	readonly exposure = new ExposureStore();
	readonly investigations: InvestigationStore;
	/** Microsoft Graph's security incidents and alerts_v2. */
	readonly graph: GraphStore;
	/** What a launch answers while the same kind of action is Pending or InProgress on the machine. */
	duplicateAnswer: DuplicateAnswer;
	/** Origin of the API server, known once it listens. */
	url = '';

	constructor(readonly options: SimulatorOptions) {
		const apps = options.apps ?? [DEFAULT_APP];
		this.clock = new SimulatorClock(
			options.now ?? Date.now,
			options.clockOffsetMs ?? 0,
			options.sendDateHeader ?? true,
		);
		this.machines = new MachineStore(this.clock);
		this.auth = new TokenAuthority(apps, this.clock, options.tokenLifetimeSeconds ?? 3599);
		this.rateLimits = new RateLimiter(options.rateLimit, options.endpointRateLimits, this.clock);
		this.actions = new ActionStore(this.clock, options);
		this.alerts = new AlertStore(this.clock, this.machines, {
			...options,
			tenantId: apps[0].tenantId,
		});
		this.downloads = new PackageDownloads(this.clock);
		this.library = new LibraryStore(this.clock);
		this.investigations = new InvestigationStore(this.clock);
		this.liveResponse = new LiveResponseStore(this.clock, options.liveResponse);
		this.indicators = new IndicatorStore(this.clock, options.indicatorLimit);
		this.duplicateAnswer = options.duplicateAnswer ?? 'error';
		this.graph = new GraphStore(this.clock, apps[0].tenantId);
	}

	paging(): Paging {
		return { pageSize: this.options.pageSize, origin: this.options.nextLinkOrigin ?? this.url };
	}
}
