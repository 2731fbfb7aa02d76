/**
 * Every rate limit Defender's and Graph's docs state, per API: the one table routes refer to by
 * their `api` key. An API not named here has the common limit, which `rateLimit` can change.
 */

/** Calls one API allows per minute window and per hour. */
export interface StatedLimit {
	perWindow: number;
	perHour: number;
}

/** What Defender states for most APIs: 100 calls a minute and 1500 an hour. */
export const COMMON_STATED_LIMIT: StatedLimit = { perWindow: 100, perHour: 1500 };

/** Defender's APIs whose pages state a limit other than the common 100/min and 1500/h. */
const DEFENDER_STATED_LIMITS: Record<string, StatedLimit> = {
	getPackageUri: { perWindow: 2, perHour: 120 },
	runLiveResponse: { perWindow: 10, perHour: 600 },
	machineVulnerabilities: { perWindow: 50, perHour: 1500 },
	startInvestigation: { perWindow: 50, perHour: 50 },
	createAlertByReference: { perWindow: 15, perHour: 900 },
	softwareVulnerabilitiesByMachine: { perWindow: 30, perHour: 1000 },
	softwareInventoryByMachine: { perWindow: 30, perHour: 1000 },
	importIndicators: { perWindow: 30, perHour: 1500 },
	batchDeleteIndicators: { perWindow: 30, perHour: 1500 },
};

/** Graph's stated limits per API (docs/api-notes/graph.md); incidents have none published [U]. */
const GRAPH_STATED_LIMITS: Record<string, StatedLimit> = {
	runHuntingQuery: { perWindow: 45, perHour: 2700 },
	incidents: { perWindow: 150, perHour: 9000 },
	updateIncident: { perWindow: 150, perHour: 9000 },
	commentIncident: { perWindow: 150, perHour: 9000 },
	alertsV2: { perWindow: 150, perHour: 9000 },
	updateAlertV2: { perWindow: 150, perHour: 9000 },
	commentAlertV2: { perWindow: 150, perHour: 9000 },
};

/** The APIs with a limit of their own, keyed by a route's `api`. */
export const STATED_LIMITS: Readonly<Record<string, StatedLimit>> = {
	...DEFENDER_STATED_LIMITS,
	...GRAPH_STATED_LIMITS,
};
