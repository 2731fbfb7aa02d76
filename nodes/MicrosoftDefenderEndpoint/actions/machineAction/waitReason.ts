import type { IDataObject } from 'n8n-workflow';

/** What a wait was for, as its sentence names it and says how to follow it up. */
export interface WaitSubject {
	/** e.g. "live response session", "action" */
	noun: string;
	/** What to do later, e.g. "run Device Action → Get Live Response Result later". */
	later: string;
}

export const ACTION_WAIT: WaitSubject = {
	noun: 'action',
	later: 'follow it with Device Action → Get later',
};

export const LIVE_RESPONSE_WAIT: WaitSubject = {
	noun: 'live response session',
	later: 'cancel it or run Device Action → Get Live Response Result later',
};

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Why a wait ended without a final status, in one sentence: the device has not picked the action up
 * (it may be offline), or the action was still running at the timeout; a failing status check says so.
 */
export function waitEndedReason(
	action: IDataObject,
	waitedMs: number,
	subject: WaitSubject,
	pollError?: string,
): string {
	const status = String(action.status ?? 'unknown');
	const checks = pollError
		? ` The node's last status check failed (${pollError}), so the status may be out of date.`
		: '';
	if (status === 'Pending')
		return `The device has not picked up the ${subject.noun} in ${seconds(waitedMs)}: it may be offline. The ${subject.noun} stays Pending in Defender; ${subject.later}.${checks}`;
	return `The ${subject.noun} was still ${status} when the wait ended after ${seconds(waitedMs)} (the Final Status Timeout): it goes on in Defender; ${subject.later}, or raise the timeout.${checks}`;
}
