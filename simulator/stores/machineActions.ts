import { randomUUID } from 'node:crypto';

import type { SimulatorClock } from '../core/clock';
import { HttpProblem } from '../core/httpProblem';
import { deterministicMachineId, machineName } from './machines';

export type MachineActionStatus =
	| 'Pending'
	| 'InProgress'
	| 'Succeeded'
	| 'Failed'
	| 'TimeOut'
	| 'Cancelled';

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

/** What the store takes to write a new action; every other field starts blank. */
export type NewAction = Pick<
	SimulatedMachineAction,
	| 'type'
	| 'scope'
	| 'requestor'
	| 'requestorComment'
	| 'machineId'
	| 'computerDnsName'
	| 'relatedFileInfo'
> & { created: string };

export const FINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'];
const ACTIVE_STATUSES = ['Pending', 'InProgress'];
export const STATUSES: MachineActionStatus[] = [
	'Pending',
	'InProgress',
	'Succeeded',
	'Failed',
	'TimeOut',
	'Cancelled',
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ActionStoreOptions {
	lifecycle?: ActionLifecycle;
	cancelSettlesAfterReads?: number;
	freshActionNotFoundMs?: number;
}

/** A new Pending action with Defender's field order. */
function actionRecord({ created, ...fields }: NewAction): SimulatedMachineAction {
	return {
		id: randomUUID(),
		type: fields.type,
		scope: fields.scope,
		requestor: fields.requestor,
		requestorComment: fields.requestorComment,
		requestSource: 'PublicApi',
		title: null,
		externalId: null,
		status: 'Pending',
		machineId: fields.machineId,
		computerDnsName: fields.computerDnsName,
		creationDateTimeUtc: created,
		lastUpdateDateTimeUtc: created,
		cancellationRequestor: null,
		cancellationComment: null,
		cancellationDateTimeUtc: null,
		errorHResult: 0,
		relatedFileInfo: fields.relatedFileInfo,
		commands: [],
		troubleshootInfo: null,
	};
}

/** How long before now the first seeded action was created. */
const SEEDED_ACTION_AGE_MS = 28 * 3_600_000;

/** Machine actions: seeded and launched ones, their lifecycle, and cancels that take a few reads to show. */
export class ActionStore {
	readonly actions = new Map<string, SimulatedMachineAction>();
	/** Cancelled actions still showing their earlier status, with the reads left before they settle. */
	private readonly settling = new Map<string, { shownStatus: string; readsLeft: number }>();
	/** Actions launched through the API, with their creation time and whether the lifecycle still moves them. */
	private readonly launched = new Map<string, { createdAt: number; automatic: boolean }>();
	private seeded = 0;

	constructor(
		private readonly clock: SimulatorClock,
		private readonly options: ActionStoreOptions,
	) {}

	/** Adds one machine action; fields not given get realistic values, created 28 h before now, 1 min apart. */
	add(overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction {
		const index = this.seeded++;
		const created = this.clock.now() - SEEDED_ACTION_AGE_MS + index * 60_000;
		const action: SimulatedMachineAction = {
			...actionRecord({
				type: 'Isolate',
				scope: 'Full',
				requestor: 'soc-playbook@contoso.com',
				requestorComment: 'Isolated by playbook after a high severity alert',
				machineId: deterministicMachineId(index % 10),
				computerDnsName: machineName(index % 10),
				created: new Date(created).toISOString(),
				relatedFileInfo: null,
			}),
			...overrides,
		};
		this.actions.set(action.id, action);
		return action;
	}

	seed(count: number, overrides: Partial<SimulatedMachineAction> = {}): SimulatedMachineAction[] {
		return Array.from({ length: count }, () => this.add(overrides));
	}

	/** Adds an action launched now through the API; the lifecycle moves it from here. */
	launch(fields: Omit<NewAction, 'created'>): SimulatedMachineAction {
		const now = this.clock.now();
		const action = actionRecord({ ...fields, created: new Date(now).toISOString() });
		this.actions.set(action.id, action);
		this.launched.set(action.id, { createdAt: now, automatic: true });
		return action;
	}

	/** The Pending or InProgress action of this type on the machine, which a new launch would duplicate. */
	activeOfType(type: string, machineId: string): SimulatedMachineAction | undefined {
		return [...this.actions.values()].find(
			(action) =>
				action.type === type &&
				action.machineId.toLowerCase() === machineId.toLowerCase() &&
				ACTIVE_STATUSES.includes(action.status),
		);
	}

	/** Sets an action's status by hand; the lifecycle no longer moves that action afterwards. */
	setStatus(id: string, status: MachineActionStatus): SimulatedMachineAction {
		const action = this.actions.get(id) ?? this.actions.get(id.toLowerCase());
		if (!action) throw new Error(`No machine action with id ${id}`);
		if (!STATUSES.includes(status))
			throw new Error(`Unknown machine action status ${String(status)}`);
		const launch = this.launched.get(action.id);
		if (launch) launch.automatic = false;
		this.settling.delete(action.id);
		action.status = status;
		action.lastUpdateDateTimeUtc = this.clock.iso();
		return action;
	}

	/** Looks an action up for the API: a malformed id is 400, an unknown one 404. */
	find(id: string): SimulatedMachineAction {
		if (!GUID.test(id))
			throw new HttpProblem(400, 'InvalidInput', `Machine action id '${id}' is not a valid id`);
		const action = this.actions.get(id.toLowerCase()) ?? this.actions.get(id);
		if (!action)
			throw new HttpProblem(404, 'ResourceNotFound', `Machine action with id ${id} was not found`);
		return action;
	}

	/** Whether a launched action is still too new for Get to find, as Defender may answer. */
	isTooFreshToGet(action: SimulatedMachineAction): boolean {
		const launch = this.launched.get(action.id);
		return (
			launch !== undefined &&
			this.clock.now() - launch.createdAt < (this.options.freshActionNotFoundMs ?? 0)
		);
	}

	/** Marks the action Cancelled; with cancelSettlesAfterReads, reads keep showing the old status for a while. */
	cancel(action: SimulatedMachineAction, requestor: string, comment: string): void {
		const stamp = this.clock.iso();
		if (this.options.cancelSettlesAfterReads) {
			this.settling.set(action.id, {
				shownStatus: action.status,
				readsLeft: this.options.cancelSettlesAfterReads,
			});
		}
		Object.assign(action, {
			status: 'Cancelled',
			cancellationRequestor: requestor,
			cancellationComment: comment,
			cancellationDateTimeUtc: stamp,
			lastUpdateDateTimeUtc: stamp,
		});
	}

	/** What a read shows: a cancel that has not settled yet still shows the earlier status. */
	view(action: SimulatedMachineAction, countsAsRead = true): SimulatedMachineAction {
		const pending = this.settling.get(action.id);
		if (!pending) return action;
		if (countsAsRead && --pending.readsLeft <= 0) {
			this.settling.delete(action.id);
			return action;
		}
		return { ...action, status: pending.shownStatus };
	}

	/** Moves launched actions along the configured lifecycle, as of now; reads see the result. */
	advanceLifecycles(): void {
		const lifecycle = this.options.lifecycle;
		if (!lifecycle) return;
		const now = this.clock.now();
		for (const [id, launch] of this.launched) {
			const action = this.actions.get(id);
			if (!launch.automatic || !action || FINAL_STATUSES.includes(action.status)) continue;
			const age = now - launch.createdAt;
			if (age >= lifecycle.finalAfterMs) {
				const outcome = lifecycle.outcome ?? 'Succeeded';
				action.status = outcome;
				if (outcome === 'Failed') action.errorHResult = -2147467259;
				action.lastUpdateDateTimeUtc = new Date(
					launch.createdAt + lifecycle.finalAfterMs,
				).toISOString();
				launch.automatic = false;
			} else if (age >= lifecycle.inProgressAfterMs && action.status === 'Pending') {
				action.status = 'InProgress';
				action.lastUpdateDateTimeUtc = new Date(
					launch.createdAt + lifecycle.inProgressAfterMs,
				).toISOString();
			}
		}
	}
}
