import type { ApiRoute } from '../simulatorRoute';
import { ALERT_V2_ROUTES } from './alertV2Routes';
import { HUNTING_ROUTES } from './huntingRoutes';
import { INCIDENT_ROUTES } from './incidentRoutes';

/** Every Microsoft Graph API the simulator serves, in matching order. */
export const GRAPH_ROUTES: readonly ApiRoute[] = [
	...HUNTING_ROUTES,
	...INCIDENT_ROUTES,
	...ALERT_V2_ROUTES,
];
