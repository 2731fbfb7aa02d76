import {
	DEFAULT_APP,
	DEMO_INVESTIGATION_COURSE,
	DEMO_LIBRARY_SCRIPT,
	SAMPLE_SHA256,
	startDefenderSimulator,
} from './server';
import type { ActionLifecycle, AlertFeed } from './server';

/** "5,30" → in progress after 5 s, final after 30 s; "off" keeps launched actions Pending. */
function lifecycleFromEnv(text: string): ActionLifecycle | undefined {
	if (text.trim().toLowerCase() === 'off') return undefined;
	const [inProgress, final] = text.split(',').map((part) => Number(part.trim()));
	if (
		!Number.isFinite(inProgress) ||
		!Number.isFinite(final) ||
		inProgress < 0 ||
		final < inProgress
	) {
		throw new Error(
			`SIMULATOR_LIFECYCLE_SECONDS must be "inProgress,final" in seconds, got "${text}"`,
		);
	}
	return { inProgressAfterMs: inProgress * 1000, finalAfterMs: final * 1000 };
}

/** "60" → a new alert every 60 s; unset or "off" → no feed. */
function alertFeedFromEnv(text: string | undefined): AlertFeed | undefined {
	if (text === undefined || text.trim() === '' || text.trim().toLowerCase() === 'off')
		return undefined;
	const seconds = Number(text);
	if (!Number.isFinite(seconds) || seconds <= 0)
		throw new Error(
			`SIMULATOR_ALERT_FEED_SECONDS must be a positive number of seconds, got "${text}"`,
		);
	return { everyMs: seconds * 1000, progress: true };
}

async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? process.argv[2] ?? 3939);
	const lifecycleText = process.env.SIMULATOR_LIFECYCLE_SECONDS ?? '5,30';
	const simulator = await startDefenderSimulator({
		port,
		host: process.env.HOST ?? '127.0.0.1',
		lifecycle: lifecycleFromEnv(lifecycleText),
		alertFeed: alertFeedFromEnv(process.env.SIMULATOR_ALERT_FEED_SECONDS),
	});
	const machines = simulator.seedMachines(Number(process.env.SEED_MACHINES ?? 10));
	simulator.addLibraryFile(DEMO_LIBRARY_SCRIPT);
	simulator.investigations.course = DEMO_INVESTIGATION_COURSE;
	const seeded = Array.from({ length: Number(process.env.SEED_ACTIONS ?? 5) }, (_, index) => {
		const machine = machines.length > 0 ? machines[index % machines.length] : undefined;
		return simulator.addAction(
			machine ? { machineId: machine.id, computerDnsName: machine.computerDnsName } : {},
		);
	});
	// Alerts land on the seeded machines in turn, created 1 s apart up to now.
	const alerts = simulator.seedAlerts(Number(process.env.SEED_ALERTS ?? 5));
	const indicators = simulator.seedIndicators();
	// Graph's incidents (each with one alert v2), for the XDR node: run a query, close an incident.
	const incidents = simulator.graph.seedIncidents(Number(process.env.SEED_INCIDENTS ?? 3));
	const lines = [
		`Defender simulator listening on ${simulator.url} (package downloads on ${simulator.downloadOrigin})`,
		'',
		'Credential "Microsoft Defender for Endpoint OAuth2 API" for it:',
		'  Environment:   Custom (API URL and Token URL)',
		`  API URL:       ${simulator.url}`,
		`  Token URL:     ${simulator.tokenUrl()}`,
		`  Client ID:     ${DEFAULT_APP.clientId}`,
		`  Client Secret: ${DEFAULT_APP.clientSecret}   (the simulator's demo secret)`,
		'',
		`Devices (${machines.length}; first few):`,
		...machines
			.slice(0, 4)
			.map((machine) => `  ${machine.id}  ${machine.computerDnsName}  ${machine.osPlatform}`),
		'',
		`Live response library: ${DEMO_LIBRARY_SCRIPT.fileName} (Run Script, then Get File C:\\Windows\\Temp\\triage.txt)`,
		'',
		'Pending device actions to cancel:',
		...seeded.map((action) => `  ${action.id}  ${action.type} on ${action.computerDnsName}`),
		'',
		`Alerts (${alerts.length}; to get or update with PATCH /api/alerts/{id}):`,
		...alerts
			.slice(0, 2)
			.map(
				(alert) => `  ${alert.id}  ${alert.severity} ${alert.title} on ${alert.computerDnsName}`,
			),
		'',
		`Indicators (${indicators.length}; GET /api/indicators, or block a hash with Indicator → Create or Update):`,
		...indicators
			.slice(0, 3)
			.map(
				(indicator) =>
					`  ${indicator.id}  ${indicator.action} ${indicator.indicatorType} ${indicator.indicatorValue}`,
			),
		`Microsoft Defender XDR (Graph): the same Custom URLs, client ID and secret in its own credential. Incidents: ${incidents.map((incident) => incident.id).join(', ')}`,
		`  Hunting: DeviceProcessEvents | where SHA256 == "${SAMPLE_SHA256}" | project DeviceName, Timestamp`,
		'',
		`Launched actions: ${lifecycleText === 'off' ? 'stay Pending' : `InProgress/final after ${lifecycleText} s`} (SIMULATOR_LIFECYCLE_SECONDS).`,
		`More: curl -X POST '${simulator.url}/_simulator/seed?count=10'   List: curl ${simulator.url}/_simulator/actions`,
		`      curl -X POST '${simulator.url}/_simulator/machines/seed?count=10'   curl ${simulator.url}/_simulator/machines`,
		`      curl -X POST '${simulator.url}/_simulator/actions/{id}/status?status=Succeeded'`,
		`      curl -X POST '${simulator.url}/_simulator/duplicates?answer=existing'`,
		`      curl -X POST '${simulator.url}/_simulator/alerts/seed?count=3&severity=High'   curl ${simulator.url}/_simulator/alerts`,
		`      curl -X POST '${simulator.url}/_simulator/alerts/{id}/touch'   (Defender moves it on: New → InProgress → Resolved)`,
		`New alerts: ${process.env.SIMULATOR_ALERT_FEED_SECONDS ? `every ${process.env.SIMULATOR_ALERT_FEED_SECONDS} s` : 'none'} (SIMULATOR_ALERT_FEED_SECONDS).`,
	];
	console.log(lines.join('\n'));
	const stop = () => void simulator.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
