import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { READ_ROLES } from './roles';
import type { SimulatedMachine } from '../stores/machines';
import { page } from '../core/odata/odata';
import { jsonBody } from '../core/requestBody';
import type { SimulatorState } from '../stores/state';

const TAG_ROLES = ['Machine.ReadWrite.All'];
/** Defender takes at most 500 device ids per multi-device tag call. */
export const MAX_TAGGED_MACHINES = 500;
const FIND_BY_IP_WINDOW_MS = 15 * 60_000;
const FIND_BY_IP_MAX_AGE_MS = 30 * 86_400_000;
const FIND_BY_IP_PATH = /^\/api\/machines\/findbyip\(ip='([^']*)',timestamp=([^)]*)\)\/?$/i;
const IP_TEXT = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*)$/i;

interface TagChange {
	value: string;
	action: 'Add' | 'Remove';
}

/** `{"Value", "Action"}` as Defender reads them, keys case-sensitive. */
function tagChange(params: Record<string, unknown>): TagChange {
	const value = params.Value;
	if (typeof value !== 'string' || value.trim() === '')
		throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Value' is required");
	if (params.Action !== 'Add' && params.Action !== 'Remove') {
		throw new HttpProblem(
			400,
			'InvalidRequestBody',
			`Action must be Add or Remove, got '${String(params.Action)}'`,
		);
	}
	return { value, action: params.Action };
}

/** Tags are a set: adding a present tag or removing an absent one leaves the device as it is [U]. */
function applyTag(machine: SimulatedMachine, change: TagChange): void {
	const present = machine.machineTags.includes(change.value);
	if (change.action === 'Add' && !present)
		machine.machineTags = [...machine.machineTags, change.value];
	if (change.action === 'Remove' && present)
		machine.machineTags = machine.machineTags.filter((tag) => tag !== change.value);
}

/** The devices seen with the IP within 15 minutes of the time: their seen span overlaps the window. */
function findByIp(state: SimulatorState, url: URL): SimulatedMachine[] {
	let pathname = url.pathname;
	try {
		pathname = decodeURIComponent(pathname);
	} catch {
		throw new HttpProblem(400, 'InvalidInput', `Invalid path ${url.pathname}`);
	}
	const match = FIND_BY_IP_PATH.exec(pathname);
	if (!match)
		throw new HttpProblem(
			400,
			'InvalidInput',
			"Expected findbyip(ip='<ip>',timestamp=<ISO 8601 time>)",
		);
	const [, ip, timestamp] = match;
	if (!IP_TEXT.test(ip)) throw new HttpProblem(400, 'InvalidInput', `Invalid IP address '${ip}'`);
	const at = Date.parse(timestamp);
	if (Number.isNaN(at))
		throw new HttpProblem(400, 'InvalidInput', `Invalid timestamp '${timestamp}'`);
	if (at < state.clock.now() - FIND_BY_IP_MAX_AGE_MS) {
		throw new HttpProblem(400, 'InvalidInput', 'The timestamp must be within the last 30 days');
	}
	return [...state.machines.machines.values()].filter(
		(machine) =>
			(machine.lastIpAddress === ip ||
				machine.ipAddresses.some(
					(address) => address.ipAddress.toLowerCase() === ip.toLowerCase(),
				)) &&
			Date.parse(machine.firstSeen) <= at + FIND_BY_IP_WINDOW_MS &&
			Date.parse(machine.lastSeen) >= at - FIND_BY_IP_WINDOW_MS,
	);
}

/** Tags and the look-ups by tag and IP; listed before the machine routes, whose `{id}` would match them. */
export const MACHINE_TAG_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/machines/{id}/tags',
		api: 'tagMachine',
		roles: TAG_ROLES,
		handle: (state, { req, body, id }) => {
			const change = tagChange(jsonBody(req, body));
			const machine = state.machines.find(id, false);
			applyTag(machine, change);
			return [200, { '@odata.context': `${state.url}/api/$metadata#Machines/$entity`, ...machine }];
		},
	},
	{
		method: 'POST',
		path: '/api/machines/AddOrRemoveTagForMultipleMachines',
		api: 'tagMachines',
		roles: TAG_ROLES,
		handle: (state, { req, body }) => {
			const params = jsonBody(req, body);
			const change = tagChange(params);
			const ids = params.MachineIds;
			if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
				throw new HttpProblem(
					400,
					'MissingRequiredParameter',
					"Parameter 'MachineIds' is required",
				);
			}
			if (ids.length > MAX_TAGGED_MACHINES) {
				throw new HttpProblem(
					400,
					'InvalidInput',
					`MachineIds can hold at most ${MAX_TAGGED_MACHINES} ids, got ${ids.length}`,
				);
			}
			// Unknown ids are left out of the answer [U].
			const machines = (ids as string[]).flatMap((id) =>
				[...state.machines.machines.values()].filter((machine) => machine.id === id.toLowerCase()),
			);
			for (const machine of machines) applyTag(machine, change);
			return [200, { '@odata.context': `${state.url}/api/$metadata#Machines`, value: machines }];
		},
	},
	{
		method: 'GET',
		path: '/api/machines/findbytag',
		api: 'findMachinesByTag',
		roles: READ_ROLES,
		handle: (state, { url }) => {
			const tag = url.searchParams.get('tag');
			if (!tag)
				throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'tag' is required");
			const startsWith = url.searchParams.get('useStartsWithFilter') ?? 'false';
			if (!['true', 'false'].includes(startsWith.toLowerCase())) {
				throw new HttpProblem(
					400,
					'InvalidInput',
					`useStartsWithFilter must be true or false, got '${startsWith}'`,
				);
			}
			// Tag case rules are undocumented [U]: the simulator compares without case.
			const wanted = tag.toLowerCase();
			const matches = (candidate: string) =>
				startsWith.toLowerCase() === 'true'
					? candidate.toLowerCase().startsWith(wanted)
					: candidate.toLowerCase() === wanted;
			const machines = [...state.machines.machines.values()].filter((machine) =>
				machine.machineTags.some(matches),
			);
			return [200, page(machines, url, `${state.url}/api/$metadata#Machines`, state.paging())];
		},
	},
	{
		method: 'GET',
		path: "/api/machines/findbyip(ip='{ip}',timestamp={timestamp})",
		api: 'findMachinesByIp',
		roles: READ_ROLES,
		handle: (state, { url }) => [
			200,
			page(findByIp(state, url), url, `${state.url}/api/$metadata#Machines`, state.paging()),
		],
	},
];
