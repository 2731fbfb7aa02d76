import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { latestEntry, pollWatermark } from './watermark';
import type { WatermarkSettings, WatermarkSource, WatermarkState } from './watermark';

const DEFAULT_LATE_ARRIVAL_MINUTES = 10;

/** A trigger's Late Arrival Window option; the description names what the trigger emits. */
export const lateArrivalWindowOption = (description: string): INodeProperties => ({
	displayName: 'Late Arrival Window (Minutes)',
	name: 'lateArrivalWindowMinutes',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_LATE_ARRIVAL_MINUTES,
	description,
});

/** The Late Arrival Window in milliseconds, its default when the option is not added. */
export const lateArrivalMs = (minutes: number | undefined): number =>
	(minutes ?? DEFAULT_LATE_ARRIVAL_MINUTES) * 60_000;

/**
 * One poll as n8n asks for it: "Fetch Test Event" (manual mode) gets the latest entry; an active
 * workflow gets what is new since the watermark kept in the node's static data.
 */
export async function pollTrigger(
	ctx: IPollFunctions,
	source: WatermarkSource,
	settings: WatermarkSettings,
): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		const latest = await latestEntry(source, settings.now);
		return latest ? [ctx.helpers.returnJsonArray([latest])] : null;
	}
	const staticData = ctx.getWorkflowStaticData('node') as WatermarkState;
	const { entries, state } = await pollWatermark(source, settings, staticData);
	staticData.watermark = state.watermark;
	staticData.emitted = state.emitted;
	return entries.length > 0 ? [ctx.helpers.returnJsonArray(entries)] : null;
}
