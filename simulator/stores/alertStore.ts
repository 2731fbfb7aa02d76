import { alertView, ALERT_ID, sortAlerts } from './alerts';
import type { SimulatedAlert, SimulatedAlertView } from './alerts';
import { defaultAlert, systemProgress } from './alertSamples';
import type { AlertMachine } from './alertSamples';
import type { SimulatorClock } from '../core/clock';
import { HttpProblem } from '../core/httpProblem';
import { deterministicMachineId, machineName } from './machines';
import type { MachineStore } from './machines';

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

export interface AlertStoreOptions {
	tenantId: string;
	alertFeed?: AlertFeed;
	unexpandedEvidence?: 'omit' | 'empty';
}

/** Alerts: seeded, fed on a timer, changed by Defender itself or through the API. */
export class AlertStore {
	readonly alerts = new Map<string, SimulatedAlert>();
	private added = 0;
	private feedTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly clock: SimulatorClock,
		private readonly machines: MachineStore,
		private readonly options: AlertStoreOptions,
	) {
		const feed = options.alertFeed;
		if (feed && !(Number.isFinite(feed.everyMs) && feed.everyMs > 0))
			throw new Error(`alertFeed.everyMs must be a positive number, got ${feed.everyMs}`);
	}

	/** Adds one alert raised now on the next seeded machine; unset fields get realistic values, lastUpdateTime = alertCreationTime. */
	add(overrides: Partial<SimulatedAlert> = {}): SimulatedAlert {
		// A field given as undefined keeps its default rather than blanking it.
		overrides = Object.fromEntries(
			Object.entries(overrides).filter(([, value]) => value !== undefined),
		) as Partial<SimulatedAlert>;
		const index = this.added++;
		const parsed =
			overrides.alertCreationTime === undefined
				? Number.NaN
				: Date.parse(overrides.alertCreationTime);
		const createdMs = Number.isNaN(parsed) ? this.clock.now() : parsed;
		const machine = this.alertMachine(index, overrides.machineId);
		const alert: SimulatedAlert = {
			...defaultAlert(index, createdMs, machine, this.options.tenantId),
			...overrides,
			machineId: machine.id,
		};
		if (overrides.lastUpdateTime === undefined) alert.lastUpdateTime = alert.alertCreationTime;
		this.alerts.set(alert.id, alert);
		return alert;
	}

	/** Adds `count` alerts created 1 s apart, the last one now; an alertCreationTime override makes them all equal. */
	seed(count: number, overrides: Partial<SimulatedAlert> = {}): SimulatedAlert[] {
		const now = this.clock.now();
		return Array.from({ length: count }, (_, index) =>
			this.add({
				alertCreationTime: new Date(now - (count - 1 - index) * 1000).toISOString(),
				...overrides,
			}),
		);
	}

	/** Changes an alert as Defender does by itself: lastUpdateTime becomes now unless given; resolving sets resolvedTime. */
	updateBySystem(id: string, changes: Partial<SimulatedAlert>): SimulatedAlert {
		const alert = this.alerts.get(id);
		if (!alert) throw new Error(`No alert with id ${id}`);
		if (changes.id !== undefined && changes.id !== alert.id)
			throw new Error(`An alert keeps its id (${alert.id})`);
		return this.applyChanges(alert, changes);
	}

	/** One system step for an alert (New → InProgress → Resolved with its investigation); a resolved one only gets a newer lastUpdateTime. */
	progress(id: string): SimulatedAlert {
		const alert = this.alerts.get(id);
		if (!alert) throw new HttpProblem(404, 'ResourceNotFound', `Alert with id ${id} was not found`);
		return this.updateBySystem(
			alert.id,
			systemProgress(alert, [...this.alerts.keys()].indexOf(alert.id)),
		);
	}

	applyChanges(alert: SimulatedAlert, changes: Partial<SimulatedAlert>): SimulatedAlert {
		const stamp = this.clock.iso();
		const status: Partial<SimulatedAlert> = {};
		if (changes.status === 'Resolved' && alert.status !== 'Resolved') status.resolvedTime = stamp;
		if (
			changes.status !== undefined &&
			changes.status !== 'Resolved' &&
			alert.status === 'Resolved'
		)
			status.resolvedTime = null;
		Object.assign(alert, status, changes, { lastUpdateTime: changes.lastUpdateTime ?? stamp });
		return alert;
	}

	/** Looks an alert up; ids that could never be Defender's (slashes, dots, spaces) are refused before the lookup. */
	find(id: string): SimulatedAlert {
		if (!ALERT_ID.test(id))
			throw new HttpProblem(400, 'InvalidInput', `Alert id '${id}' is not a valid id`);
		const alert =
			this.alerts.get(id) ??
			[...this.alerts.values()].find(
				(candidate) => candidate.id.toLowerCase() === id.toLowerCase(),
			);
		if (!alert) throw new HttpProblem(404, 'ResourceNotFound', `Alert with id ${id} was not found`);
		return alert;
	}

	show(alert: SimulatedAlert, withEvidence: boolean): SimulatedAlertView {
		return alertView(alert, withEvidence, this.options.unexpandedEvidence === 'empty');
	}

	/** Starts the alert feed: real timers, since a feed is there for a running node or demo to watch. */
	startFeed(): void {
		const feed = this.options.alertFeed;
		if (!feed || feed.count === 0 || this.feedTimer) return;
		let fed = 0;
		this.feedTimer = setInterval(() => {
			if (feed.progress) {
				const open = sortAlerts([...this.alerts.values()], null).find(
					(alert) => alert.status === 'New' || alert.status === 'InProgress',
				);
				if (open) this.progress(open.id);
			}
			this.add(feed.overrides);
			if (feed.count !== undefined && ++fed >= feed.count) this.stopFeed();
		}, feed.everyMs);
		this.feedTimer.unref();
	}

	stopFeed(): void {
		clearInterval(this.feedTimer);
		this.feedTimer = undefined;
	}

	/** The machine alert i is raised on: a seeded one in turn, the one named by machineId, or a deterministic id. */
	private alertMachine(index: number, machineId: string | undefined): AlertMachine {
		const seeded = [...this.machines.machines.values()];
		const named =
			machineId === undefined
				? undefined
				: seeded.find((machine) => machine.id.toLowerCase() === machineId.toLowerCase());
		const machine =
			named ??
			(machineId === undefined && seeded.length > 0 ? seeded[index % seeded.length] : undefined);
		if (machine)
			return {
				id: machine.id,
				computerDnsName: machine.computerDnsName,
				rbacGroupName: machine.rbacGroupName,
			};
		return {
			id: machineId ?? deterministicMachineId(index % 10),
			computerDnsName: machineName(index % 10),
			rbacGroupName: null,
		};
	}
}
