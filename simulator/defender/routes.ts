import type { ApiRoute } from '../simulatorRoute';
import { ALERT_ROUTES } from './alertRoutes';
import { ENRICHMENT_ROUTES } from './enrichmentRoutes';
import { EXPORT_ROUTES } from './exportRoutes';
import { INDICATOR_ROUTES } from './indicatorRoutes';
import { INVESTIGATION_ROUTES } from './investigationRoutes';
import { LAUNCH_ROUTES } from './launchRoutes';
import { LIBRARY_ROUTES } from './libraryRoutes';
import { LIVE_RESPONSE_ROUTES } from './liveResponseRoutes';
import { MACHINE_ACTION_ROUTES } from './machineActionRoutes';
import { MACHINE_ROUTES } from './machineRoutes';
import { MACHINE_TAG_ROUTES } from './machineTagRoutes';
import { PACKAGE_ROUTES } from './packageRoutes';
import { PIVOT_ROUTES } from './pivotRoutes';
import { PLAYBOOK_WRITE_ROUTES } from './playbookWriteRoutes';
import { SOFTWARE_ROUTES } from './softwareRoutes';
import { VULNERABILITY_ROUTES } from './vulnerabilityRoutes';

/** Every Defender API the simulator serves, in matching order (the first route whose path matches wins). */
export const DEFENDER_ROUTES: readonly ApiRoute[] = [
	...MACHINE_ACTION_ROUTES,
	...PACKAGE_ROUTES,
	// Before the machine routes: /api/machines/{id} would also match findbytag, findbyip(...) and the exports.
	...MACHINE_TAG_ROUTES,
	...EXPORT_ROUTES,
	...MACHINE_ROUTES,
	...VULNERABILITY_ROUTES,
	...SOFTWARE_ROUTES,
	...LAUNCH_ROUTES,
	...INVESTIGATION_ROUTES,
	// Before the alert routes: /api/alerts/{id} would also match CreateAlertByReference.
	...PLAYBOOK_WRITE_ROUTES,
	...ALERT_ROUTES,
	...ENRICHMENT_ROUTES,
	...PIVOT_ROUTES,
	...LIVE_RESPONSE_ROUTES,
	...LIBRARY_ROUTES,
	...INDICATOR_ROUTES,
];
