import type { ApiEndpoint, ApiRoute } from '../../core/transport/apiEndpoint';

/**
 * Every Microsoft Graph security API the XDR node calls (docs/api-notes/graph.md),
 * in the shape of Defender's catalog so the same client paces, retries and words them.
 */

// Graph publishes 150 requests a minute per app and tenant for alerts under /security; it states no hourly figure.
const ALERTS_PER_MINUTE = 150;
// Incidents have no published Graph limit [U]: paced like alerts.
const INCIDENTS_PER_MINUTE = 150;
// The XDR hunting page (presumed the same engine [U]): at least 45 calls a minute per tenant, plus a CPU quota.
const HUNTING_PER_MINUTE = 45;

/** Largest `$top` per page: alerts_v2 take 1000; incidents document none, and peers met "query limit exceeded" above 50 [U]. */
export const ALERT_PAGE_SIZE = 1000;
export const INCIDENT_PAGE_SIZE = 50;

const graph = (
	name: string,
	routes: ApiRoute[],
	permission: string,
	perMinute: number,
	retry: ApiEndpoint['retry'],
): ApiEndpoint => ({
	name,
	routes,
	perMinute,
	perHour: perMinute * 60,
	permission,
	retry,
	product: 'Microsoft Graph',
	permissionApi: 'Microsoft Graph',
});

const INCIDENTS = '/v1.0/security/incidents';
const ALERTS = '/v1.0/security/alerts_v2';

export const GRAPH_ENDPOINTS = {
	runHuntingQuery: graph(
		'runHuntingQuery',
		[{ method: 'POST', path: '/v1.0/security/runHuntingQuery' }],
		'ThreatHunting.Read.All',
		HUNTING_PER_MINUTE,
		'read',
	),
	incidents: graph(
		'incidents',
		[
			{ method: 'GET', path: INCIDENTS },
			{ method: 'GET', path: `${INCIDENTS}/{id}` },
		],
		'SecurityIncident.Read.All or SecurityIncident.ReadWrite.All',
		INCIDENTS_PER_MINUTE,
		'read',
	),
	updateIncident: graph(
		'updateIncident',
		[{ method: 'PATCH', path: `${INCIDENTS}/{id}` }],
		'SecurityIncident.ReadWrite.All',
		INCIDENTS_PER_MINUTE,
		'write',
	),
	commentIncident: graph(
		'commentIncident',
		[{ method: 'POST', path: `${INCIDENTS}/{id}/comments` }],
		'SecurityIncident.ReadWrite.All',
		INCIDENTS_PER_MINUTE,
		'write',
	),
	alertsV2: graph(
		'alertsV2',
		[
			{ method: 'GET', path: ALERTS },
			{ method: 'GET', path: `${ALERTS}/{id}` },
		],
		'SecurityAlert.Read.All or SecurityAlert.ReadWrite.All',
		ALERTS_PER_MINUTE,
		'read',
	),
	updateAlertV2: graph(
		'updateAlertV2',
		[{ method: 'PATCH', path: `${ALERTS}/{id}` }],
		'SecurityAlert.ReadWrite.All',
		ALERTS_PER_MINUTE,
		'write',
	),
	commentAlertV2: graph(
		'commentAlertV2',
		[{ method: 'POST', path: `${ALERTS}/{id}/comments` }],
		'SecurityAlert.ReadWrite.All',
		ALERTS_PER_MINUTE,
		'write',
	),
} satisfies Record<string, ApiEndpoint>;
