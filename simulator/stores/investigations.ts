import type { SimulatorClock } from '../core/clock';
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
		return investigation;
	}

	/** One finished investigation per device given, started an hour apart before now. */
	seed(machines: SimulatedMachine[]): SimulatedInvestigation[] {
		return machines.map((machine, index) => {
			const investigation = this.start(machine, `da63800000000000000${index}_-${1000 + index}`);
			const started = this.clock.now() - (index + 1) * 3_600_000;
			investigation.startTime = new Date(started).toISOString();
			investigation.endTime = new Date(started + 1_800_000).toISOString();
			investigation.state = FINISHED_STATES[index % FINISHED_STATES.length];
			return investigation;
		});
	}
}
