import type { SimulatorClock } from '../core/clock';
import { followCourse } from './investigationCourse';
import type { InvestigationStep } from './investigationCourse';
import type { SimulatedMachine } from './machines';

/** An automated investigation as Defender lists it. */
export interface SimulatedInvestigation {
	id: string;
	startTime: string;
	endTime: string | null;
	state: string;
	cancelledBy: string | null;
	statusDetails: string | null;
	machineId: string;
	computerDnsName: string;
	triggeringAlertId: string | null;
}

const FINISHED_STATES = [
	'SuccessfullyRemediated',
	'Benign',
	'PartiallyRemediated',
	'TerminatedByUser',
];

/** Automated investigations: started by a call, or seeded as finished ones an alert triggered. */
export class InvestigationStore {
	readonly investigations = new Map<string, SimulatedInvestigation>();
	/** The states an investigation started through the API goes through on the clock; empty, it stays Running. */
	course: readonly InvestigationStep[] = [];
	/** Investigations started through the API, by id, with their start on the clock: the course moves only these. */
	private readonly started = new Map<string, number>();
	private next = 63_000;

	constructor(private readonly clock: SimulatorClock) {}

	start(
		machine: SimulatedMachine,
		triggeringAlertId: string | null = null,
	): SimulatedInvestigation {
		const investigation: SimulatedInvestigation = {
			id: String(this.next++),
			startTime: this.clock.iso(),
			endTime: null,
			state: 'Running',
			cancelledBy: null,
			statusDetails: null,
			machineId: machine.id,
			computerDnsName: machine.computerDnsName,
			triggeringAlertId,
		};
		this.investigations.set(investigation.id, investigation);
		this.started.set(investigation.id, this.clock.now());
		return investigation;
	}

	/** Moves the started investigations along the course as of now; reads see the result. */
	advance(): void {
		for (const [id, startedAt] of this.started) {
			const investigation = this.investigations.get(id);
			if (investigation) followCourse(investigation, startedAt, this.course, this.clock.now());
		}
	}

	/** One finished investigation per device given, started an hour apart before now. */
	seed(machines: SimulatedMachine[]): SimulatedInvestigation[] {
		return machines.map((machine, index) => {
			const investigation = this.start(machine, `da63800000000000000${index}_-${1000 + index}`);
			this.started.delete(investigation.id);
			const started = this.clock.now() - (index + 1) * 3_600_000;
			investigation.startTime = new Date(started).toISOString();
			investigation.endTime = new Date(started + 1_800_000).toISOString();
			investigation.state = FINISHED_STATES[index % FINISHED_STATES.length];
			return investigation;
		});
	}
}
