import { createHash } from 'node:crypto';

import { HttpProblem } from '../core/httpProblem';
import { firstSeenOf, inactiveLastSeenOf, keepReporting } from './seenTimes';
import type { TimeSource } from './seenTimes';

export interface SimulatedMachineIpAddress {
	ipAddress: string;
	macAddress: string;
	operationalStatus: string;
}

export interface SimulatedMachine {
	id: string;
	computerDnsName: string;
	firstSeen: string;
	lastSeen: string;
	osPlatform: string;
	osArchitecture: string;
	version: string | null;
	osBuild: number | null;
	lastIpAddress: string;
	lastExternalIpAddress: string;
	ipAddresses: SimulatedMachineIpAddress[];
	healthStatus: string;
	onboardingStatus: string;
	rbacGroupName: string;
	rbacGroupId: number;
	aadDeviceId: string | null;
	machineTags: string[];
	riskScore: string;
	exposureLevel: string;
	deviceValue: string;
	isAadJoined: boolean;
}

export const MACHINE_ID = /^[0-9a-f]{40}$/i;
const PLATFORMS = [
	{
		osPlatform: 'Windows10',
		version: '22H2',
		osBuild: 19045,
		rbacGroupName: 'Workstations',
		rbacGroupId: 1,
		aad: true,
	},
	{
		osPlatform: 'Windows11',
		version: '23H2',
		osBuild: 22631,
		rbacGroupName: 'Workstations',
		rbacGroupId: 1,
		aad: true,
	},
	{
		osPlatform: 'WindowsServer2022',
		version: '21H2',
		osBuild: 20348,
		rbacGroupName: 'Servers',
		rbacGroupId: 2,
		aad: false,
	},
	{
		osPlatform: 'Linux',
		version: '22.04',
		osBuild: null,
		rbacGroupName: 'Linux servers',
		rbacGroupId: 3,
		aad: false,
	},
];
const RISK_SCORES = ['None', 'Low', 'Medium', 'High'];
const EXPOSURE_LEVELS = ['Low', 'Medium', 'High'];

export const deterministicMachineId = (index: number) =>
	createHash('sha1').update(`machine-${index}`).digest('hex');

export const machineName = (index: number) =>
	`desktop-${String(index).padStart(3, '0')}.contoso.local`;

/** Deterministic, varied machine i, seen relative to `seededAt`: the same index always gives the same machine. */
function defaultMachine(index: number, seededAt: number): SimulatedMachine {
	const id = deterministicMachineId(index);
	const platform = PLATFORMS[index % PLATFORMS.length];
	const aad = createHash('sha1').update(`aad-device-${index}`).digest('hex');
	const ip = `10.0.${Math.floor((index + 10) / 256)}.${(index + 10) % 256}`;
	const tags: string[] = [];
	if (index % 3 === 0) tags.push('Finance');
	if (index % 4 === 1) tags.push('VIP');
	return {
		id,
		computerDnsName: machineName(index),
		firstSeen: firstSeenOf(index, seededAt),
		// An Active device's lastSeen follows the clock (see add()).
		lastSeen: inactiveLastSeenOf(index, seededAt),
		osPlatform: platform.osPlatform,
		osArchitecture: '64-bit',
		version: platform.version,
		osBuild: platform.osBuild,
		lastIpAddress: ip,
		lastExternalIpAddress: `203.0.113.${(index % 254) + 1}`,
		ipAddresses: [
			{ ipAddress: ip, macAddress: id.slice(0, 12).toUpperCase(), operationalStatus: 'Up' },
		],
		healthStatus: index % 5 === 4 ? 'Inactive' : 'Active',
		onboardingStatus: 'Onboarded',
		rbacGroupName: platform.rbacGroupName,
		rbacGroupId: platform.rbacGroupId,
		aadDeviceId: platform.aad
			? `${aad.slice(0, 8)}-${aad.slice(8, 12)}-4${aad.slice(13, 16)}-8${aad.slice(17, 20)}-${aad.slice(20, 32)}`
			: null,
		machineTags: tags,
		riskScore: RISK_SCORES[index % RISK_SCORES.length],
		exposureLevel: EXPOSURE_LEVELS[index % EXPOSURE_LEVELS.length],
		deviceValue: index % 6 === 2 ? 'High' : 'Normal',
		isAadJoined: platform.aad,
	};
}

/** The onboarded devices. */
export class MachineStore {
	readonly machines = new Map<string, SimulatedMachine>();
	private added = 0;

	/** `clock`: the simulator's, so seen times are relative to the day it runs. */
	constructor(private readonly clock: TimeSource = Date) {}

	/**
	 * Adds one machine; machine i gets the id and name that the i-th seeded action refers to. Its
	 * seen times are relative to now: first seen months ago; an Active one keeps reporting (lastSeen
	 * follows the clock), an Inactive one stopped 8 days ago.
	 */
	add(overrides: Partial<SimulatedMachine> = {}): SimulatedMachine {
		const index = this.added++;
		const machine: SimulatedMachine = {
			...defaultMachine(index, this.clock.now()),
			...overrides,
		};
		if (machine.healthStatus === 'Active' && overrides.lastSeen === undefined)
			keepReporting(machine, index, this.clock);
		this.machines.set(machine.id, machine);
		return machine;
	}

	seed(count: number, overrides: Partial<SimulatedMachine> = {}): SimulatedMachine[] {
		return Array.from({ length: count }, () => this.add(overrides));
	}

	/** Looks a machine up by its 40-hex id or, as Defender allows on Get, its computer name in any case. */
	find(idOrName: string, byName: boolean): SimulatedMachine {
		const lower = idOrName.toLowerCase();
		const machine =
			this.machines.get(idOrName) ??
			[...this.machines.values()].find(
				(candidate) =>
					candidate.id.toLowerCase() === lower ||
					(byName && candidate.computerDnsName.toLowerCase() === lower),
			);
		if (!machine)
			throw new HttpProblem(404, 'ResourceNotFound', `Machine ${idOrName} was not found`);
		return machine;
	}
}

const LOGON_TYPES = ['Interactive', 'RemoteInteractive', 'Network', 'Interactive, Network'];

/** The accounts seen on a device, as Defender lists them (`logonTypes` is one string), derived from its id. */
export function loggedOnUsersOf(machine: SimulatedMachine): Array<Record<string, unknown>> {
	const seed = parseInt(machine.id.slice(0, 4), 16);
	return Array.from({ length: 1 + (seed % 3) }, (_, index) => {
		const accountName = index === 0 ? `user${seed % 100}` : `svc-${index}`;
		return {
			id: `contoso\\${accountName}`,
			accountName,
			accountDomain: 'contoso',
			firstSeen: new Date(Date.parse(machine.firstSeen) + index * 3_600_000).toISOString(),
			lastSeen: machine.lastSeen,
			logonTypes: LOGON_TYPES[(seed + index) % LOGON_TYPES.length],
			isDomainAdmin: index === 1,
			isOnlyNetworkUser: LOGON_TYPES[(seed + index) % LOGON_TYPES.length] === 'Network',
		};
	});
}
