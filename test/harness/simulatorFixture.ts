import { DEFAULT_APP, startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator, SimulatedApp, SimulatorOptions } from '../../simulator/server';

/** Where the fixture's clock starts for every simulator. */
export const SIMULATOR_START = Date.UTC(2026, 10, 2, 12, 0, 0);

export interface Answer {
	status: number;
	body: Record<string, unknown> & { error?: { code: string; message: string }; value?: unknown };
	headers: Headers;
}

export interface CallOptions {
	body?: unknown;
	rawBody?: string;
	contentType?: string;
	app?: SimulatedApp;
}

/** A simulator on a clock the test moves by hand, with a token per app fetched once and API calls that parse the answer; close() it after each test. */
export class SimulatorFixture {
	/** The simulator's `now`; a test moves it by assigning. */
	clock = SIMULATOR_START;
	private current: DefenderSimulator | undefined;
	private readonly tokens = new Map<string, string>();

	get simulator(): DefenderSimulator {
		if (!this.current) throw new Error('No simulator: call start() first');
		return this.current;
	}

	async start(options: SimulatorOptions = {}): Promise<DefenderSimulator> {
		this.clock = SIMULATOR_START;
		this.tokens.clear();
		this.current = await startDefenderSimulator({ now: () => this.clock, ...options });
		return this.current;
	}

	async close(): Promise<void> {
		await this.current?.close();
	}

	async tokenFor(app: SimulatedApp = DEFAULT_APP): Promise<string> {
		const cached = this.tokens.get(app.clientId);
		if (cached) return cached;
		const response = await fetch(this.simulator.tokenUrl(app.tenantId), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: app.clientId,
				client_secret: app.clientSecret,
				scope: 'https://api.securitycenter.microsoft.com/.default',
			}),
		});
		const token = ((await response.json()) as { access_token: string }).access_token;
		this.tokens.set(app.clientId, token);
		return token;
	}

	/** An API call with the app's token; POST and PATCH send `body` as JSON unless `rawBody` is given. */
	async call(
		method: 'GET' | 'POST' | 'PATCH',
		path: string,
		options: CallOptions = {},
	): Promise<Answer> {
		const headers: Record<string, string> = {
			Authorization: `Bearer ${await this.tokenFor(options.app ?? DEFAULT_APP)}`,
		};
		let body: string | undefined;
		if (method !== 'GET') {
			headers['Content-Type'] = options.contentType ?? 'application/json';
			body = options.rawBody ?? JSON.stringify(options.body ?? {});
		}
		const response = await fetch(`${this.simulator.url}${path}`, { method, headers, body });
		const text = await response.text();
		return {
			status: response.status,
			body: text ? (JSON.parse(text) as Answer['body']) : {},
			headers: response.headers,
		};
	}
}
