/** One step of an investigation's course: the state it shows from `afterMs` after its start on. */
export interface InvestigationStep {
	afterMs: number;
	state: string;
}

/** The course `npm start` and the simulator CLI give started investigations: Pending Approval after a minute, remediated after two. */
export const DEMO_INVESTIGATION_COURSE: readonly InvestigationStep[] = [
	{ afterMs: 60_000, state: 'PendingApproval' },
	{ afterMs: 120_000, state: 'SuccessfullyRemediated' },
];

/** The states in which an investigation is still going on, as the node reads Defender's list; any other ends it. */
const ONGOING_STATES = ['Running', 'Queued', 'PendingApproval', 'PendingResource'];

interface Movable {
	state: string;
	endTime: string | null;
}

/**
 * Moves an investigation along `course` as of `now`: the latest step reached sets its state, and a
 * step into a state that is not ongoing sets `endTime` to the time of that step.
 */
export function followCourse(
	investigation: Movable,
	startedAtMs: number,
	course: readonly InvestigationStep[],
	now: number,
): void {
	const reached = course.filter((step) => now - startedAtMs >= step.afterMs).at(-1);
	if (!reached) return;
	investigation.state = reached.state;
	investigation.endTime = ONGOING_STATES.includes(reached.state)
		? null
		: new Date(startedAtMs + reached.afterMs).toISOString();
}
