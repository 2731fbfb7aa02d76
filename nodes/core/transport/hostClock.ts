import * as workflow from 'n8n-workflow';

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;
// n8n 1.x has sleepWithAbort(ms, signal); n8n 2.x dropped it and takes the signal in sleep(ms, signal).
const n8nSleepWithAbort = (workflow as { sleepWithAbort?: AbortableSleep }).sleepWithAbort;

/** Waits `ms`; rejects (with n8n's cancellation error) as soon as `signal` aborts. */
export async function sleepUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await workflow.sleep(ms);
	if (n8nSleepWithAbort) return await n8nSleepWithAbort(ms, signal);
	return await (workflow.sleep as AbortableSleep)(ms, signal);
}

/** The n8n host's clock, as every wait and timestamp of the node reads it; tests replace it to record delays without waiting. */
export const hostClock = {
	now: (): number => Date.now(),
	sleep: sleepUnlessCancelled,
	random: (): number => Math.random(),
};

/** How much earlier than our request a Defender timestamp may be and still be of our request while no `Date` header has told Defender's clock. */
export const CLOCK_SKEW_MS = 2000;
