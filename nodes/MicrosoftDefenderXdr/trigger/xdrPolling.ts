import type { IDataObject } from 'n8n-workflow';

import type { ApiClient } from '../../core/transport/apiClient';
import { FilterClauses, withoutODataContext } from '../../core/transport/odata';
import { listPages } from '../../core/transport/paging';
import type { WatermarkSource } from '../../core/trigger/watermark';
import { ALERT, INCIDENT } from '../actions/entities';
import { GRAPH_HEADERS, SEVERITIES } from '../actions/securityEntity';
import type { SecurityEntity } from '../actions/securityEntity';
import { checkOneOf } from '../../core/operation/checks';

export type XdrEvent = 'newIncident' | 'updatedIncident' | 'newAlert';

export interface XdrTriggerFilters {
	severity?: string[];
	assignedTo?: string;
}

const EVENTS: Record<
	XdrEvent,
	{ entity: SecurityEntity; timeField: 'createdDateTime' | 'lastUpdateDateTime' }
> = {
	newIncident: { entity: INCIDENT, timeField: 'createdDateTime' },
	updatedIncident: { entity: INCIDENT, timeField: 'lastUpdateDateTime' },
	newAlert: { entity: ALERT, timeField: 'createdDateTime' },
};

/** The filter of every poll: the user's (checked, quoted) and the time window. */
function filterOf(
	client: ApiClient,
	event: XdrEvent,
	filters: XdrTriggerFilters,
	since?: number,
): string {
	for (const value of filters.severity ?? []) {
		const checked = checkOneOf(value, SEVERITIES, 'Filter "Severity"');
		if (!checked.ok) throw client.inputError(checked.problem);
	}
	const clauses = new FilterClauses()
		.anyOf('severity', filters.severity)
		.equals('assignedTo', filters.assignedTo)
		.result();
	if (!clauses.ok) throw client.inputError(clauses.problem);
	const window =
		since === undefined ? '' : `${EVENTS[event].timeField} ge ${new Date(since).toISOString()}`;
	return [clauses.value, window].filter(Boolean).join(' and ');
}

/** Incidents or alerts_v2 as a watermark source: all pages since a time, oldest first. */
export function xdrSource(
	client: ApiClient,
	event: XdrEvent,
	filters: XdrTriggerFilters,
): WatermarkSource {
	const { entity, timeField } = EVENTS[event];
	const timeOf = (entry: IDataObject) => Date.parse(String(entry[timeField])) || 0;
	return {
		timeOf,
		// An updated incident counts once per lastUpdateDateTime; a new one once.
		keyOf: (entry) =>
			event === 'updatedIncident'
				? `${String(entry.id)}@${String(entry.lastUpdateDateTime)}`
				: String(entry.id),
		list: async (since) => {
			const $filter = filterOf(client, event, filters, since);
			const entries = await listPages(
				client,
				entity.read,
				{ method: 'GET', url: entity.path, qs: $filter ? { $filter } : {}, headers: GRAPH_HEADERS },
				Infinity,
				{ subject: `${entity.noun}s`, verb: 'read' },
				{ pageSize: entity.pageSize },
			);
			return entries.map(withoutODataContext).sort((a, b) => timeOf(a) - timeOf(b));
		},
	};
}
