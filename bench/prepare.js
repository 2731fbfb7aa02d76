// The benchmark compares against n8n's HTTP Request node, so it needs n8n-nodes-base (about 800 MB):
// installed here on first use rather than for every `npm ci`.
const { execSync } = require('node:child_process');

const NODES_BASE = 'n8n-nodes-base@2.40.2';
try {
	require.resolve('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
} catch {
	console.log(`Installing ${NODES_BASE} for the benchmark (once, about 2 minutes)...`);
	try {
		execSync(`npm install --no-save --ignore-scripts --no-audit --no-fund ${NODES_BASE}`, {
			stdio: 'inherit',
		});
	} catch {
		console.error(
			`Could not install ${NODES_BASE} from the npm registry; the benchmark needs it for the HTTP Request node.`,
		);
		process.exit(1);
	}
}
