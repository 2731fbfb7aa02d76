import type { IncomingMessage, ServerResponse } from 'node:http';

import { TOKEN_PATH } from './auth/tokenAuthority';
import type { TokenAuthority } from './auth/tokenAuthority';
import type { SimulatorClock } from './clock';
import type { FaultList } from './faults';
import { errorBody, readBody, recordOf } from './http';
import type { JsonAnswer, RecordedRequest } from './http';
import { HttpProblem } from './httpProblem';

/** What answering a request needs: the shared pieces, and the API and control answers the simulator builds on its stores. */
export interface DispatchTarget {
	clock: SimulatorClock;
	faults: FaultList;
	auth: TokenAuthority;
	/** The rate-limit class a path and method belong to, recorded with the request. */
	endpointOf(pathname: string, method: string | undefined): string | undefined;
	answerApi(req: IncomingMessage, url: URL, body: string): JsonAnswer;
	answerControl(url: URL, method: string, body: string): JsonAnswer;
}

/** Answers one request to the API server: an injected fault first, else the token endpoint, the control API or Defender's API. */
export async function answerRequest(
	state: DispatchTarget,
	requests: RecordedRequest[],
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const body = await readBody(req);
	const url = new URL(req.url ?? '/', 'http://simulator');
	const record = recordOf(req, url, body, state.clock.observerNow());
	// Defender's API under /api/, Microsoft Graph's under /v1.0/.
	const isApi = url.pathname.startsWith('/api/') || url.pathname.startsWith('/v1.0/');
	const endpoint = isApi ? state.endpointOf(url.pathname, req.method) : undefined;
	if (endpoint) record.endpoint = endpoint;
	requests.push(record);
	const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
		record.status = status;
		const text = payload === undefined ? '' : JSON.stringify(payload);
		res.writeHead(status, {
			...state.clock.dateHeader(),
			'Content-Type': 'application/json; charset=utf-8',
			...headers,
		});
		res.end(text);
	};
	try {
		const fault = state.faults.take(record);
		if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault?.reset) {
			record.status = 0;
			req.socket.destroy();
			return;
		}
		if (fault?.applyThenDrop && isApi) {
			state.answerApi(req, url, body);
			record.status = 0;
			req.socket.destroy();
			return;
		}
		if (fault?.status) {
			send(
				fault.status,
				fault.body ?? errorBody(String(fault.status), 'Injected fault'),
				fault.headers,
			);
			return;
		}
		if (TOKEN_PATH.test(url.pathname) && req.method === 'POST') {
			send(...state.auth.issueToken(url.pathname.split('/')[1], req, body));
			return;
		}
		if (url.pathname.startsWith('/_simulator/')) {
			send(...state.answerControl(url, req.method ?? 'GET', body));
			return;
		}
		if (isApi) {
			send(...state.answerApi(req, url, body));
			return;
		}
		throw new HttpProblem(404, 'ResourceNotFound', `No route for ${req.method} ${url.pathname}`);
	} catch (error) {
		if (error instanceof HttpProblem) {
			send(error.status, errorBody(error.code, error.message), error.headers);
			return;
		}
		send(500, errorBody('InternalServerError', 'Simulator failure'));
	}
}
