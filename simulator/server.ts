import { DefenderSimulator } from './defenderSimulator';
import type { SimulatorOptions } from './stores/state';

export { investigationPackage } from './core/zip';
export { ALERT_SEVERITIES, ALERT_STATUSES } from './stores/alerts';
export { ALERT_CLASSIFICATIONS, ALERT_DETERMINATIONS } from './defender/alertUpdate';
export { alertId } from './stores/alertSamples';
export type {
	AlertSeverity,
	AlertStatus,
	AlertClassification,
	SimulatedAlert,
	SimulatedAlertComment,
	SimulatedAlertEvidence,
	SimulatedAlertUser,
	SimulatedAlertView,
} from './stores/alerts';
export type { AlertUpdate } from './defender/alertUpdate';
export { ACCEPTED_SCOPES, DEFAULT_APP, GRAPH_SCOPES } from './core/auth/tokenAuthority';
export { SAMPLE_HASH_MACHINES, SAMPLE_SHA256 } from './stores/graph/hunting';
export type {
	GraphAlert,
	GraphComment,
	GraphIncident,
	HuntingFailure,
} from './stores/graph/graphStore';
export type { SimulatedApp } from './core/auth/tokenAuthority';
export type { FederatedCredential } from './core/auth/clientAssertionCheck';
export { FEDERATED_AUDIENCE } from './core/auth/clientAssertionCheck';
export { createSelfSignedCertificate } from './core/auth/selfSignedCertificate';
export type { CertificatePair } from './core/auth/selfSignedCertificate';
export type { AlertFeed } from './stores/alertStore';
export type { Fault } from './core/faults';
export type { RecordedRequest } from './core/http';
export type { DuplicateAnswer } from './stores/state';
export { DEMO_LIBRARY_SCRIPT } from './stores/library';
export { DEMO_INVESTIGATION_COURSE } from './stores/investigationCourse';
export type { LibraryFile, NewLibraryFile } from './stores/library';
export type { LiveResponseOptions, SimulatedCommand } from './stores/liveResponseStore';
export { ACTIVE_INDICATOR_LIMIT, SAMPLE_INDICATORS } from './stores/indicatorStore';
export { ACTIONS_BY_TYPE } from './stores/indicatorRules';
export type { SimulatedIndicator } from './stores/indicatorStore';
export type {
	ActionLifecycle,
	MachineActionStatus,
	SimulatedMachineAction,
} from './stores/machineActions';
export type { SimulatedMachine, SimulatedMachineIpAddress } from './stores/machines';
export { statedLimit } from './routeRegistry';
export { SAMPLE_FILES } from './stores/sampleFiles';
export type { SimulatedFile } from './stores/sampleFiles';
export { MAX_TAGGED_MACHINES } from './defender/machineTagRoutes';
export type { EndpointRateLimit, RateLimit } from './core/limits/rateLimiter';
export { ENDPOINT_CLASSES, SIMULATED_ROUTES } from './routeRegistry';
export type { EndpointClass, SimulatedRoute } from './routeRegistry';
export type { SimulatorOptions } from './stores/state';
export { DefenderSimulator } from './defenderSimulator';

export async function startDefenderSimulator(
	options: SimulatorOptions = {},
): Promise<DefenderSimulator> {
	return await new DefenderSimulator(options).start();
}
