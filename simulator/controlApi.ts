import { ALERT_SEVERITIES, ALERT_STATUSES } from './stores/alerts';
import type { SimulatedAlert } from './stores/alerts';
import type { FaultJson } from './core/faults';
import { GRAPH_SEVERITIES } from './stores/graph/graphStore';
import { errorBody, pathPattern } from './core/http';
import type { HttpMethod, JsonAnswer } from './core/http';
import { STATUSES } from './stores/machineActions';
import type { MachineActionStatus } from './stores/machineActions';
import type { SimulatorState } from './stores/state';

/** One control request: the query, the raw body and the `{id}` segment as it stands in the path. */
interface ControlCall {
	query: URLSearchParams;
	body: string;
	id: string;
}

/** One route of the test control API under `/_simulator/`; paths are matched case-sensitively. */
interface ControlRoute {
	method: HttpMethod;
	path: string;
	handle(state: SimulatorState, call: ControlCall): JsonAnswer;
}

const invalid = (message: string): JsonAnswer => [400, errorBody('InvalidInput', message)];
const count = (query: URLSearchParams, fallback: string) =>
	Math.min(1000, Number(query.get('count') ?? fallback));
const notAnAlertObject: JsonAnswer = [
	400,
	errorBody('InvalidRequestBody', 'Body must be a JSON object of alert fields, or empty'),
];

/** The alert fields a seed request may set, validated. */
function alertSeedOverrides(query: URLSearchParams): Partial<SimulatedAlert> | JsonAnswer {
	const overrides: Partial<SimulatedAlert> = {};
	const severity = query.get('severity');
	if (severity !== null) {
		const known = ALERT_SEVERITIES.find((candidate) => candidate === severity);
		if (!known) return invalid(`severity must be one of ${ALERT_SEVERITIES.join(', ')}`);
		overrides.severity = known;
	}
	const status = query.get('status');
	if (status !== null) {
		const known = ALERT_STATUSES.find((candidate) => candidate === status);
		if (!known) return invalid(`status must be one of ${ALERT_STATUSES.join(', ')}`);
		overrides.status = known;
	}
	for (const field of [
		'detectionSource',
		'category',
		'machineId',
		'title',
		'assignedTo',
	] as const) {
		const value = query.get(field);
		if (value !== null) overrides[field] = value;
	}
	return overrides;
}

/** Moves an alert on as Defender would (empty body) or applies the fields the body gives. */
function touchAlert(state: SimulatorState, { id: rawId, body }: ControlCall): JsonAnswer {
	let id = rawId;
	try {
		id = decodeURIComponent(id);
	} catch {
		return invalid(`Invalid alert id ${id}`);
	}
	if (!state.alerts.alerts.has(id))
		return [404, errorBody('ResourceNotFound', `Alert with id ${id} was not found`)];
	let changes: unknown = {};
	try {
		changes = body.trim() === '' ? {} : JSON.parse(body);
	} catch {
		return notAnAlertObject;
	}
	if (changes === null || typeof changes !== 'object' || Array.isArray(changes))
		return notAnAlertObject;
	const fields = changes as Partial<SimulatedAlert>;
	if (fields.id !== undefined && fields.id !== id) return invalid('An alert keeps its id');
	return [
		200,
		Object.keys(fields).length === 0
			? state.alerts.progress(id)
			: state.alerts.updateBySystem(id, fields),
	];
}

/** Defender's clock as the control API shows it. */
const clockView = (state: SimulatorState) => ({
	now: state.clock.iso(),
	offsetMs: state.clock.offsetMs,
	sendDateHeader: state.clock.sendDateHeader,
});

/** Sets the clock offset (`offsetMs`) and whether answers carry a Date header (`dateHeader=on|off`). */
function setClock(state: SimulatorState, { query }: ControlCall): JsonAnswer {
	const offset = query.get('offsetMs');
	const dateHeader = query.get('dateHeader');
	if (offset !== null && !(offset.trim() !== '' && Number.isFinite(Number(offset))))
		return invalid('offsetMs must be a number of milliseconds');
	if (dateHeader !== null && dateHeader !== 'on' && dateHeader !== 'off')
		return invalid('dateHeader must be on or off');
	if (offset !== null) state.clock.setOffset(Number(offset));
	if (dateHeader !== null) state.clock.sendDateHeader = dateHeader === 'on';
	return [200, clockView(state)];
}

const CONTROL_ROUTES: ControlRoute[] = [
	{
		method: 'GET',
		path: '/_simulator/actions',
		handle: (state) => {
			state.actions.advanceLifecycles();
			return [200, [...state.actions.actions.values()]];
		},
	},
	{
		method: 'POST',
		path: '/_simulator/seed',
		handle: (state, { query }) => {
			const type = query.get('type') ?? undefined;
			return [
				200,
				state.actions.seed(count(query, '5'), type ? { type } : {}).map((action) => action.id),
			];
		},
	},
	{
		method: 'GET',
		path: '/_simulator/machines',
		handle: (state) => [200, [...state.machines.machines.values()]],
	},
	{
		method: 'POST',
		path: '/_simulator/machines/seed',
		handle: (state, { query }) => [
			200,
			state.machines
				.seed(count(query, '10'))
				.map(({ id, computerDnsName }) => ({ id, computerDnsName })),
		],
	},
	{
		method: 'POST',
		path: '/_simulator/actions/{id}/status',
		handle: (state, { query, id }) => {
			const wanted = query.get('status') ?? '';
			if (!STATUSES.some((candidate) => candidate === wanted))
				return invalid(`status must be one of ${STATUSES.join(', ')}`);
			if (!state.actions.actions.has(id))
				return [404, errorBody('ResourceNotFound', `Machine action with id ${id} was not found`)];
			return [200, state.actions.setStatus(id, wanted as MachineActionStatus)];
		},
	},
	{
		method: 'GET',
		path: '/_simulator/alerts',
		handle: (state) => [200, [...state.alerts.alerts.values()]],
	},
	{
		method: 'POST',
		path: '/_simulator/alerts/seed',
		handle: (state, { query }) => {
			const wanted = count(query, '5');
			if (!Number.isInteger(wanted) || wanted < 0) return invalid('count must be a whole number');
			const overrides = alertSeedOverrides(query);
			return Array.isArray(overrides) ? overrides : [200, state.alerts.seed(wanted, overrides)];
		},
	},
	{ method: 'POST', path: '/_simulator/alerts/{id}/touch', handle: touchAlert },
	{
		method: 'POST',
		path: '/_simulator/incidents/seed',
		handle: (state, { query }) => {
			const wanted = count(query, '1');
			if (!Number.isInteger(wanted) || wanted < 0) return invalid('count must be a whole number');
			const severity = query.get('severity');
			if (severity !== null && !GRAPH_SEVERITIES.includes(severity))
				return invalid(`severity must be one of ${GRAPH_SEVERITIES.join(', ')}`);
			return [200, state.graph.seedIncidents(wanted, severity === null ? {} : { severity })];
		},
	},
	{
		method: 'POST',
		path: '/_simulator/duplicates',
		handle: (state, { query }) => {
			const answer = query.get('answer');
			if (answer !== 'error' && answer !== 'existing')
				return invalid('answer must be error or existing');
			state.duplicateAnswer = answer;
			return [200, { duplicateAnswer: answer }];
		},
	},
	{
		method: 'POST',
		path: '/_simulator/faults',
		handle: (state, { body }) => {
			state.faults.injectJson(JSON.parse(body || '{}') as FaultJson);
			return [200, { ok: true }];
		},
	},
	{
		method: 'POST',
		path: '/_simulator/expire-tokens',
		handle: (state) => {
			state.auth.expireAll();
			return [200, { ok: true }];
		},
	},
	{ method: 'GET', path: '/_simulator/clock', handle: (state) => [200, clockView(state)] },
	{ method: 'POST', path: '/_simulator/clock', handle: setClock },
];

const COMPILED = CONTROL_ROUTES.map((route) => ({
	route,
	pattern: pathPattern(route.path, { caseInsensitive: false }),
}));

/** Small control surface for trying the node by hand: seed actions, machines, alerts and incidents, change statuses, add faults, skew the clock. */
export function answerControl(
	state: SimulatorState,
	url: URL,
	method: string,
	body: string,
): JsonAnswer {
	for (const { route, pattern } of COMPILED) {
		const match = pattern.exec(url.pathname);
		if (match && route.method === method)
			return route.handle(state, { query: url.searchParams, body, id: match[1] ?? '' });
	}
	return [404, errorBody('ResourceNotFound', 'Unknown simulator control')];
}
