import { INVESTIGATION_STATES } from './getAll.operation';

/**
 * The node's reading of Defender's investigation states, which its pages list without saying which
 * end an investigation (docs/api-notes/exposure.md): these four mean it is still going on.
 */
export const ONGOING_STATES: readonly string[] = [
	'Running',
	'Queued',
	'PendingApproval',
	'PendingResource',
];

/** The documented states that end an investigation: every other one of the 18. */
export const FINAL_STATES: readonly string[] = INVESTIGATION_STATES.filter(
	(state) => !ONGOING_STATES.includes(state),
);

/** A state Defender does not document is not taken as final: the wait goes on and its end names the state. */
export const isFinalState = (state: unknown): boolean =>
	typeof state === 'string' && FINAL_STATES.includes(state);

/** What the investigation is waiting for, in the words a message ends with. */
export function ongoingReason(state: string): string {
	switch (state) {
		case 'PendingApproval':
			return 'it waits for someone to approve its pending actions in the Action center';
		case 'PendingResource':
			return 'it waits for a resource, such as the device coming online';
		case 'Queued':
			return 'it has not started yet';
		case 'Running':
			return 'it is still running';
		default:
			return 'Defender does not document this state, so the node does not take it as final';
	}
}
