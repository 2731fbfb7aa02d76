// The one environment every n8n process of the suites and the demo runs with: nothing that calls out
// of the machine, and the loopback guard preloaded to record whatever still tries.
import { fileURLToPath } from 'node:url';

export const LOOPBACK_GUARD = fileURLToPath(new URL('./loopbackGuard.cjs', import.meta.url));
/** The variable the guard reads the path of its record file from (one file per n8n process). */
export const LOOPBACK_GUARD_RECORD = 'N8N_LOOPBACK_GUARD_RECORD';

/** n8n's own switches for what it fetches or sends out of the machine; names from its config schemas (@n8n/config). */
export const OUTBOUND_OFF = {
	// Backend telemetry and the editor's PostHog, both n8n 1.x and 2.x.
	N8N_DIAGNOSTICS_ENABLED: 'false',
	// The new-version check and "What's new" (api.n8n.io).
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	// The personalization survey the editor sends to n8n.
	N8N_PERSONALIZATION_ENABLED: 'false',
	// Workflow templates from api.n8n.io.
	N8N_TEMPLATES_ENABLED: 'false',
	// Banners the editor loads from api.n8n.io, and the hiring banner in the log.
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	// Community packages: the verified list (api.n8n.io) and npm look-ups from the editor. n8n 1.123 and 2.40 still
	// load what is installed in <user folder>/.n8n/nodes, where the suites and the demo npm-install the package.
	N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	// The AI assistant, Ask AI and the AI builder (n8n's AI service).
	N8N_AI_ENABLED: 'false',
	N8N_AI_ASSISTANT_BASE_URL: '',
	// License server: no renewal, and no release of a floating entitlement at shutdown.
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_LICENSE_DETACH_FLOATING_ON_SHUTDOWN: 'false',
	// Error reports (backend, task runners, editor) and scripts the editor would load from elsewhere.
	N8N_SENTRY_DSN: '',
	N8N_FRONTEND_SENTRY_DSN: '',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
};

/** Switches only n8n 2.x knows; n8n 1.x refuses a module name it does not know at start. */
const OUTBOUND_OFF_2X = {
	// The MCP server registry refresh (api.n8n.io).
	N8N_DISABLED_MODULES: 'mcp-registry',
	// n8n's AI gateway (credits for AI nodes).
	N8N_AI_GATEWAY_ENABLED: 'false',
};

/** A proxy from the caller's shell would take n8n's loopback traffic elsewhere. */
const PROXY_VARIABLES = [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'ALL_PROXY',
	'http_proxy',
	'https_proxy',
	'all_proxy',
];

/**
 * The environment for an n8n process: `installed.env` (what ensureN8n() returns), every outbound feature
 * off, the guard preloaded, shared settings, then `env` on top. The guard's record file is set per process.
 */
export function n8nEnv(installed, env = {}) {
	const base = { ...installed.env };
	for (const name of PROXY_VARIABLES) delete base[name];
	return {
		...base,
		...OUTBOUND_OFF,
		...(installed.version.startsWith('1.') ? {} : OUTBOUND_OFF_2X),
		NODE_OPTIONS: `${base.NODE_OPTIONS ?? ''} --require ${JSON.stringify(LOOPBACK_GUARD)}`.trim(),
		N8N_ENCRYPTION_KEY: 'defender-e2e-encryption-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		...env,
	};
}
