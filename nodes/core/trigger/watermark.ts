import type { IDataObject } from 'n8n-workflow';

/** What a polling trigger remembers between polls, in the workflow's static data. */
export interface WatermarkState extends IDataObject {
	/** The latest timestamp seen, ISO. */
	watermark?: string;
	/** Entries already emitted (an update counts once per its update time), with their timestamp, ISO. */
	emitted?: Record<string, string>;
}

/** Where a trigger's entries come from and how it tells them apart; `list` answers in time order. */
export interface WatermarkSource {
	list(since?: number): Promise<IDataObject[]>;
	timeOf(entry: IDataObject): number;
	keyOf(entry: IDataObject): string;
}

export interface WatermarkSettings {
	/** How far before the watermark each poll looks again, for entries listed late. */
	lateArrivalMs: number;
	emitExisting: boolean;
	now: number;
}

/**
 * One poll: every entry since the watermark (all pages), less those already emitted. Each poll
 * looks `lateArrivalMs` further back, so an entry listed late, or one sharing the watermark's
 * timestamp, is emitted once and only once.
 */
export async function pollWatermark(
	source: WatermarkSource,
	settings: WatermarkSettings,
	state: WatermarkState,
): Promise<{ entries: IDataObject[]; state: WatermarkState }> {
	const { lateArrivalMs, now } = settings;
	const first = state.watermark === undefined;
	const watermarkMs = first ? now : Date.parse(state.watermark as string);
	const listed = await source.list(
		first && settings.emitExisting ? undefined : watermarkMs - lateArrivalMs,
	);
	const emitted = { ...(state.emitted ?? {}) };
	// A page boundary that moves while paging can list an entry twice: each key counts once.
	const fresh = [...new Map(listed.map((entry) => [source.keyOf(entry), entry])).values()].filter(
		(entry) => emitted[source.keyOf(entry)] === undefined,
	);
	const newWatermarkMs = listed.reduce(
		(latest, entry) => Math.max(latest, source.timeOf(entry)),
		watermarkMs,
	);
	for (const entry of fresh)
		emitted[source.keyOf(entry)] = new Date(source.timeOf(entry)).toISOString();
	for (const [key, at] of Object.entries(emitted)) {
		if (Date.parse(at) < newWatermarkMs - lateArrivalMs) delete emitted[key];
	}
	return {
		entries: first && !settings.emitExisting ? [] : fresh,
		state: { watermark: new Date(newWatermarkMs).toISOString(), emitted },
	};
}

const TEST_EVENT_WINDOWS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

/** "Fetch Test Event": the latest entry, looking back an hour, then a day, a week, a month. */
export async function latestEntry(
	source: WatermarkSource,
	now: number,
): Promise<IDataObject | undefined> {
	for (const windowMs of TEST_EVENT_WINDOWS_MS) {
		const entries = await source.list(now - windowMs);
		if (entries.length > 0) return entries[entries.length - 1];
	}
	return undefined;
}
