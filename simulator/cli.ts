import { DEFAULT_APP, startDefenderSimulator } from './server';

async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? process.argv[2] ?? 3939);
	const simulator = await startDefenderSimulator({ port, host: process.env.HOST ?? '127.0.0.1' });
	const seeded = simulator.seed(Number(process.env.SEED_ACTIONS ?? 5));
	const lines = [
		`Defender simulator listening on ${simulator.url}`,
		'',
		'Credential "Microsoft Defender for Endpoint OAuth2 API" for it:',
		'  Environment:   Custom (API URL and Token URL)',
		`  API URL:       ${simulator.url}`,
		`  Token URL:     ${simulator.tokenUrl()}`,
		`  Client ID:     ${DEFAULT_APP.clientId}`,
		`  Client Secret: ${DEFAULT_APP.clientSecret}   (the simulator's demo secret)`,
		'',
		'Pending machine actions to cancel:',
		...seeded.map((action) => `  ${action.id}  ${action.type} on ${action.computerDnsName}`),
		'',
		`More: curl -X POST '${simulator.url}/_simulator/seed?count=10'   List: curl ${simulator.url}/_simulator/actions`,
	];
	console.log(lines.join('\n'));
	const stop = () => void simulator.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
