import type { ApiRoute } from '../simulatorRoute';
import type { SimulatedAlert } from '../stores/alerts';
import { HttpProblem } from '../core/httpProblem';
import { loggedOnUsersOf } from '../stores/machines';
import { READ_ROLES } from './roles';
import type { SimulatedMachine } from '../stores/machines';
import type { SimulatorState } from '../stores/state';

const ALERT_ROLES = ['Alert.Read.All', 'Alert.ReadWrite.All'];

const collection = (state: SimulatorState, name: string, value: unknown[]) => ({
	'@odata.context': `${state.url}/api/$metadata#${name}`,
	value,
});
const alertsOf = (state: SimulatorState) => [...state.alerts.alerts.values()];
const shown = (state: SimulatorState, alerts: SimulatedAlert[]) =>
	collection(
		state,
		'Alerts',
		alerts.map((alert) => state.alerts.show(alert, false)),
	);
const machinesOfAlerts = (state: SimulatorState, alerts: SimulatedAlert[]): SimulatedMachine[] =>
	[...state.machines.machines.values()].filter((machine) =>
		alerts.some((alert) => alert.machineId === machine.id),
	);
const hostOf = (url: string | null) => {
	try {
		return url ? new URL(url).hostname.toLowerCase() : undefined;
	} catch {
		return undefined;
	}
};
const unique = <T>(values: T[]) => [...new Set(values)];

const withFile = (state: SimulatorState, sha1: string) =>
	alertsOf(state).filter((alert) =>
		alert.evidence.some((entry) => entry.sha1?.toLowerCase() === sha1.toLowerCase()),
	);
const withDomain = (state: SimulatorState, host: string) =>
	alertsOf(state).filter((alert) =>
		alert.evidence.some((entry) => hostOf(entry.url) === host.toLowerCase()),
	);
const withUser = (state: SimulatorState, userName: string) =>
	alertsOf(state).filter(
		(alert) => alert.relatedUser?.userName.toLowerCase() === userName.toLowerCase(),
	);

/** A GET route of this module answering 200 with what `answer` builds. */
const get = (
	path: string,
	api: string,
	roles: string[],
	answer: (state: SimulatorState, id: string) => object,
): ApiRoute => ({
	method: 'GET',
	path,
	api,
	roles,
	handle: (state, { id }) => [200, answer(state, id)],
});

/** An alert's and a device's related entities, and the alerts and devices of a user, file, domain or IP. */
export const PIVOT_ROUTES: ApiRoute[] = [
	get('/api/alerts/{id}/files', 'alertFiles', ['File.Read.All'], (state, id) => {
		const files = state.alerts.find(id).evidence.filter((entry) => entry.sha1 !== null);
		const bySha1 = unique(files.map((entry) => entry.sha1));
		return collection(
			state,
			'Files',
			bySha1.map((sha1) => {
				const entry = files.find((file) => file.sha1 === sha1);
				return { sha1, sha256: entry?.sha256 ?? null, fileName: entry?.fileName ?? null };
			}),
		);
	}),
	get('/api/alerts/{id}/ips', 'alertIps', ['Ip.Read.All'], (state, id) => {
		const ips = state.alerts.find(id).evidence.map((entry) => entry.ipAddress);
		return collection(
			state,
			'Ips',
			unique(ips.filter((ip) => ip !== null)).map((ip) => ({ id: ip })),
		);
	}),
	get('/api/alerts/{id}/domains', 'alertDomains', ['URL.Read.All'], (state, id) => {
		const hosts = state.alerts.find(id).evidence.map((entry) => hostOf(entry.url));
		return collection(
			state,
			'Domains',
			unique(hosts.filter((host) => host !== undefined)).map((host) => ({ host })),
		);
	}),
	get('/api/alerts/{id}/user', 'alertUser', ['User.Read.All'], (state, id) => {
		const alert = state.alerts.find(id);
		if (!alert.relatedUser)
			throw new HttpProblem(404, 'ResourceNotFound', `Alert ${id} has no related user`);
		const { userName, domainName } = alert.relatedUser;
		return {
			'@odata.context': `${state.url}/api/$metadata#Users/$entity`,
			id: `${domainName}\\${userName}`,
			accountName: userName,
			accountDomain: domainName,
			mostPrevalentMachineId: alert.machineId,
		};
	}),
	get('/api/alerts/{id}/machine', 'alertMachine', READ_ROLES, (state, id) => ({
		'@odata.context': `${state.url}/api/$metadata#Machines/$entity`,
		...state.machines.find(state.alerts.find(id).machineId, false),
	})),
	get('/api/machines/{id}/alerts', 'machineAlerts', ALERT_ROLES, (state, id) => {
		const machine = state.machines.find(id, false);
		return shown(
			state,
			alertsOf(state).filter((alert) => alert.machineId === machine.id),
		);
	}),
	get('/api/users/{id}/alerts', 'userAlerts', ALERT_ROLES, (state, id) =>
		shown(state, withUser(state, id)),
	),
	get('/api/users/{id}/machines', 'userMachines', READ_ROLES, (state, id) => {
		const logged = [...state.machines.machines.values()].filter((machine) =>
			loggedOnUsersOf(machine).some(
				(user) => String(user.accountName).toLowerCase() === id.toLowerCase(),
			),
		);
		const machines = unique([...machinesOfAlerts(state, withUser(state, id)), ...logged]);
		return collection(state, 'Machines', machines);
	}),
	get('/api/files/{id}/alerts', 'fileAlerts', ALERT_ROLES, (state, id) =>
		shown(state, withFile(state, id)),
	),
	get('/api/files/{id}/machines', 'fileMachines', READ_ROLES, (state, id) =>
		collection(state, 'Machines', machinesOfAlerts(state, withFile(state, id))),
	),
	get('/api/domains/{id}/alerts', 'domainAlerts', ['Alert.ReadWrite.All'], (state, id) =>
		shown(state, withDomain(state, id)),
	),
	get('/api/domains/{id}/machines', 'domainMachines', READ_ROLES, (state, id) =>
		collection(state, 'Machines', machinesOfAlerts(state, withDomain(state, id)).slice(0, 500)),
	),
	get('/api/ips/{id}/alerts', 'ipAlerts', ALERT_ROLES, (state, id) =>
		shown(
			state,
			alertsOf(state).filter((alert) =>
				alert.evidence.some((entry) => entry.ipAddress === id.toLowerCase()),
			),
		),
	),
];
