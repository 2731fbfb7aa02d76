import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createApiClient } from '../../core/transport/apiClient';
import { helperHost } from '../../core/routing/requestAdapters';
import { listPages } from '../../core/transport/paging';
import { ALERT, INCIDENT } from '../actions/entities';
import { GRAPH_HEADERS } from '../actions/securityEntity';
import type { SecurityEntity } from '../actions/securityEntity';
import { GRAPH_SERVICE } from '../transport/graphService';

/** How many of the latest the pickers list: one page of incidents (Graph's practical cap, 50). */
const LATEST = { incident: 50, alert: 100 } as const;

function age(createdAt: unknown, now: number): string {
	const minutes = Math.floor((now - Date.parse(String(createdAt))) / 60_000);
	if (!Number.isFinite(minutes)) return 'unknown age';
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

/** "2972395 · Multi-stage incident on multiple endpoints · high · active · 5 min ago": enough to pick it. */
export function entityLabel(entity: SecurityEntity, entry: IDataObject, now: number): string {
	const title = entity.resource === 'incident' ? entry.displayName : entry.title;
	return [
		...(entity.resource === 'incident' ? [entry.id] : []),
		title ?? `Untitled ${entity.noun}`,
		entry.severity ?? 'unknown severity',
		entry.status ?? 'unknown status',
		age(entry.createdDateTime, now),
	]
		.map(String)
		.join(' · ');
}

/**
 * The latest incidents or alerts, newest first. Graph documents neither $orderby nor a title
 * filter for them, so one page is read and sorted, and the search text is matched here (label, id).
 */
async function searchLatest(
	ctx: ILoadOptionsFunctions,
	entity: SecurityEntity,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = createApiClient(await helperHost(ctx, {}, GRAPH_SERVICE));
	const latest = LATEST[entity.resource];
	const entries = await listPages(
		client,
		entity.read,
		{ method: 'GET', url: entity.path, qs: { $top: latest }, headers: GRAPH_HEADERS },
		latest,
		{ subject: `${entity.noun}s`, verb: 'list' },
		{ pageSize: latest },
	);
	const now = Date.now();
	const search = filter?.trim().toLowerCase() ?? '';
	return {
		results: entries
			.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))
			.map((entry) => ({
				name: entityLabel(entity, entry, now),
				value: String(entry.id),
				url:
					typeof entry.incidentWebUrl === 'string'
						? entry.incidentWebUrl
						: typeof entry.alertWebUrl === 'string'
							? entry.alertWebUrl
							: undefined,
			}))
			.filter(({ name, value }) => `${name} ${value}`.toLowerCase().includes(search)),
	};
}

/** The Incident picker. */
export async function searchIncidents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchLatest(this, INCIDENT, filter);
}

/** The Alert (v2) picker. */
export async function searchAlerts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchLatest(this, ALERT, filter);
}
