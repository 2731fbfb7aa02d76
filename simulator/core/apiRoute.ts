import type { IncomingMessage } from 'node:http';

import type { SimulatedApp } from './auth/tokenAuthority';
import type { HttpMethod, JsonAnswer } from './http';

/** One API request as a route handler gets it, authenticated and with its `{id}` decoded. */
export interface ApiCall {
	app: SimulatedApp;
	req: IncomingMessage;
	url: URL;
	body: string;
	/** The decoded `{id}` segment, or '' for routes without one. */
	id: string;
}

/** One API over the state `State` its handler works on: where it is, which rate-limit class it counts on, who may call it and what it does. */
export interface ApiRoute<State> {
	method: HttpMethod;
	/** Template with Defender's documented casing, e.g. `/api/machineactions/{id}/cancel`; matched case-insensitively. */
	path: string;
	/** The rate-limit class: its key in STATED_LIMITS (core/limits/statedLimits.ts) when the API states a limit of its own. */
	api: string;
	/** Application roles of which one allows the call. */
	roles: readonly string[];
	/** Set where the role needed depends on the entity, so the handler checks it after loading it (cancel). */
	rolesCheckedByHandler?: true;
	/** Whose token the route takes: Defender's (default) or Microsoft Graph's; a token has one audience. */
	audience?: 'graph';
	/** Also matches the OData function-call form, e.g. `getPackageUri()`. */
	callParentheses?: true;
	handle(state: State, call: ApiCall): JsonAnswer;
}
