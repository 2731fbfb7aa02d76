import type { IDataObject } from 'n8n-workflow';

import { buildAlertFilter } from '../actions/alert/alertFilters';
import type { AlertFilters } from '../actions/alert/alertFilters';
import { API_ENDPOINTS } from '../transport/apiCatalog';
import type { DefenderClient } from '../transport/client';
import { withoutODataContext } from '../transport/odata';
import { listPages } from '../transport/paging';

export type AlertEvent = 'newAlert' | 'updatedAlert';

/** What a trigger remembers between polls, in the workflow's static data. */
export interface AlertPollState extends IDataObject {
	/** The latest timestamp seen, ISO. */
	watermark?: string;
	/** Alerts already emitted (an update counts once per lastUpdateTime), with their timestamp, ISO. */
	emitted?: Record<string, string>;
}

export interface AlertPollSettings {
	event: AlertEvent;
	filters: AlertFilters;
	includeEvidence: boolean;
	/** How far before the watermark each poll looks again, for alerts Defender lists late. */
	lateArrivalMs: number;
	emitExisting: boolean;
	now: number;
}

const TIME_FIELD: Record<AlertEvent, 'alertCreationTime' | 'lastUpdateTime'> = {
	newAlert: 'alertCreationTime',
	updatedAlert: 'lastUpdateTime',
};

const timeOf = (alert: IDataObject, event: AlertEvent) => Date.parse(String(alert[TIME_FIELD[event]])) || 0;
const keyOf = (alert: IDataObject, event: AlertEvent) =>
	event === 'newAlert' ? String(alert.id) : `${String(alert.id)}@${String(alert.lastUpdateTime)}`;

async function listAlerts(client: DefenderClient, settings: AlertPollSettings, since?: number): Promise<IDataObject[]> {
	const filter = buildAlertFilter(settings.filters);
	if (!filter.ok) throw client.inputError(filter.problem);
	const clauses = [filter.value];
	if (since !== undefined) clauses.push(`${TIME_FIELD[settings.event]} ge ${new Date(since).toISOString()}`);
	const qs: IDataObject = { $filter: clauses.filter(Boolean).join(' and ') };
	if (!qs.$filter) delete qs.$filter;
	if (settings.includeEvidence) qs.$expand = 'evidence';
	const alerts = await listPages(client, API_ENDPOINTS.alerts, { method: 'GET', url: '/api/alerts', qs }, Infinity, {
		subject: 'alerts',
		verb: 'read',
	});
	return alerts.map(withoutODataContext).sort((a, b) => timeOf(a, settings.event) - timeOf(b, settings.event));
}

/**
 * One poll: every alert since the watermark (all pages), less those already emitted. Each poll
 * looks `lateArrivalMs` further back, so an alert listed late, or one sharing the watermark's
 * timestamp, is emitted once and only once.
 */
export async function pollAlerts(
	client: DefenderClient,
	settings: AlertPollSettings,
	state: AlertPollState,
): Promise<{ alerts: IDataObject[]; state: AlertPollState }> {
	const { event, lateArrivalMs, now } = settings;
	const first = state.watermark === undefined;
	const watermarkMs = first ? now : Date.parse(state.watermark as string);
	const listed = await listAlerts(client, settings, first && settings.emitExisting ? undefined : watermarkMs - lateArrivalMs);
	const emitted = { ...(state.emitted ?? {}) };
	// A page boundary that moves while paging can list an alert twice: each key counts once.
	const fresh = [...new Map(listed.map((alert) => [keyOf(alert, event), alert])).values()].filter(
		(alert) => emitted[keyOf(alert, event)] === undefined,
	);
	const newWatermarkMs = listed.reduce((latest, alert) => Math.max(latest, timeOf(alert, event)), watermarkMs);
	for (const alert of fresh) emitted[keyOf(alert, event)] = new Date(timeOf(alert, event)).toISOString();
	for (const [key, at] of Object.entries(emitted)) {
		if (Date.parse(at) < newWatermarkMs - lateArrivalMs) delete emitted[key];
	}
	return {
		alerts: first && !settings.emitExisting ? [] : fresh,
		state: { watermark: new Date(newWatermarkMs).toISOString(), emitted },
	};
}

const TEST_EVENT_WINDOWS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

/** "Fetch Test Event": the latest matching alert, looking back an hour, then a day, a week, a month. */
export async function latestAlert(client: DefenderClient, settings: AlertPollSettings): Promise<IDataObject | undefined> {
	for (const windowMs of TEST_EVENT_WINDOWS_MS) {
		const alerts = await listAlerts(client, settings, settings.now - windowMs);
		if (alerts.length > 0) return alerts[alerts.length - 1];
	}
	return undefined;
}
