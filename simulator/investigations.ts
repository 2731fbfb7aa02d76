import type { ApiRoute } from './apiRoute';
import type { SimulatorClock } from './clock';
import { HttpProblem } from './httpProblem';
import { followCourse } from './investigationCourse';
import type { InvestigationStep } from './investigationCourse';
import { MACHINE_ID } from './machines';
import type { SimulatedMachine } from './machines';
import { filtered, page } from './odata';
import { jsonBody, requireComment } from './requestBody';
import type { SimulatorState } from './state';

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

const ALERT_ROLES = ['Alert.Read.All', 'Alert.ReadWrite.All'];
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
	course: InvestigationStep[] = [];
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

const context = (state: SimulatorState) => `${state.url}/api/$metadata#Investigations`;

export const INVESTIGATION_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/machines/{id}/startInvestigation',
		api: 'startInvestigation',
		roles: ['Alert.ReadWrite.All'],
		handle: (state, { req, id, body }) => {
			if (!MACHINE_ID.test(id))
				throw new HttpProblem(400, 'InvalidInput', `Machine id '${id}' is not a valid machine id`);
			requireComment(jsonBody(req, body));
			const machine = state.machines.find(id, false);
			// Automated investigation runs on Windows 10 and 11 and Windows Server 2019 and later only.
			if (!machine.osPlatform.startsWith('Windows'))
				throw new HttpProblem(
					400,
					'OsPlatformNotSupported',
					`Automated investigation does not support ${machine.osPlatform}`,
				);
			return [
				201,
				{ '@odata.context': `${context(state)}/$entity`, ...state.investigations.start(machine) },
			];
		},
	},
	{
		method: 'GET',
		path: '/api/investigations',
		api: 'investigations',
		roles: ALERT_ROLES,
		handle: (state, { url }) => {
			state.investigations.advance();
			const all = [...state.investigations.investigations.values()];
			const kept = filtered(
				all,
				url,
				['startTime', 'id', 'state', 'machineId', 'triggeringAlertId'],
				['startTime'],
			);
			return [200, page(kept, url, context(state), state.paging())];
		},
	},
	{
		method: 'GET',
		path: '/api/investigations/{id}',
		api: 'investigations',
		roles: ALERT_ROLES,
		handle: (state, { id }) => {
			state.investigations.advance();
			const investigation = state.investigations.investigations.get(id);
			if (!investigation)
				throw new HttpProblem(404, 'ResourceNotFound', `Investigation ${id} was not found`);
			return [200, { '@odata.context': `${context(state)}/$entity`, ...investigation }];
		},
	},
];
