import type { IDataObject } from 'n8n-workflow';

import { buildAlertFilter } from '../actions/alert/alertFilters';
import type { AlertFilters } from '../actions/alert/alertFilters';
import { API_ENDPOINTS } from '../transport/apiCatalog';
import type { ApiClient } from '../../core/transport/apiClient';
import { withoutODataContext } from '../../core/transport/odata';
import { listPages } from '../../core/transport/paging';
import type { WatermarkSource } from '../../core/trigger/watermark';

export type AlertEvent = 'newAlert' | 'updatedAlert';

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

const timeOf = (alert: IDataObject, event: AlertEvent) =>
	Date.parse(String(alert[TIME_FIELD[event]])) || 0;
const keyOf = (alert: IDataObject, event: AlertEvent) =>
	event === 'newAlert' ? String(alert.id) : `${String(alert.id)}@${String(alert.lastUpdateTime)}`;

async function listAlerts(
	client: ApiClient,
	settings: AlertPollSettings,
	since?: number,
): Promise<IDataObject[]> {
	const filter = buildAlertFilter(settings.filters);
	if (!filter.ok) throw client.inputError(filter.problem);
	const clauses = [filter.value];
	if (since !== undefined)
		clauses.push(`${TIME_FIELD[settings.event]} ge ${new Date(since).toISOString()}`);
	const qs: IDataObject = { $filter: clauses.filter(Boolean).join(' and ') };
	if (!qs.$filter) delete qs.$filter;
	if (settings.includeEvidence) qs.$expand = 'evidence';
	const alerts = await listPages(
		client,
		API_ENDPOINTS.alerts,
		{ method: 'GET', url: '/api/alerts', qs },
		Infinity,
		{
			subject: 'alerts',
			verb: 'read',
		},
	);
	return alerts
		.map(withoutODataContext)
		.sort((a, b) => timeOf(a, settings.event) - timeOf(b, settings.event));
}

/** The Defender alerts list as a watermark source. */
export const alertSource = (client: ApiClient, settings: AlertPollSettings): WatermarkSource => ({
	list: async (since) => await listAlerts(client, settings, since),
	timeOf: (alert) => timeOf(alert, settings.event),
	keyOf: (alert) => keyOf(alert, settings.event),
});
