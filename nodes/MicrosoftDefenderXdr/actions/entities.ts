import { GRAPH_ENDPOINTS, ALERT_PAGE_SIZE, INCIDENT_PAGE_SIZE } from '../transport/graphCatalog';
import { ALERT_STATUSES, INCIDENT_STATUSES } from './securityEntity';
import type { SecurityEntity } from './securityEntity';

export const INCIDENT: SecurityEntity = {
	resource: 'incident',
	noun: 'incident',
	idField: 'incidentId',
	idLabel: 'Incident ID',
	// Incident ids are numbers in every example Graph gives.
	idPattern: /^\d{1,20}$/,
	idExample: '2972395',
	path: '/v1.0/security/incidents',
	read: GRAPH_ENDPOINTS.incidents,
	update: GRAPH_ENDPOINTS.updateIncident,
	comment: GRAPH_ENDPOINTS.commentIncident,
	pageSize: INCIDENT_PAGE_SIZE,
	// The update page lists active, resolved and redirected; inProgress is not stated [U], redirected needs a target.
	statuses: ['active', 'inProgress', 'resolved'],
	statusFilter: INCIDENT_STATUSES,
};

export const ALERT: SecurityEntity = {
	resource: 'alert',
	noun: 'alert',
	idField: 'alertId',
	idLabel: 'Alert ID',
	// Providers shape alert ids differently (da637…_-96…, GUIDs): letters, digits, "_" and "-" only, so no path or query can ride along.
	idPattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/,
	idExample: 'da637551227677560813_-961444813',
	path: '/v1.0/security/alerts_v2',
	read: GRAPH_ENDPOINTS.alertsV2,
	update: GRAPH_ENDPOINTS.updateAlertV2,
	comment: GRAPH_ENDPOINTS.commentAlertV2,
	pageSize: ALERT_PAGE_SIZE,
	statuses: ALERT_STATUSES,
	statusFilter: ALERT_STATUSES,
};
