import { createHash } from 'node:crypto';

import type { SimulatedMachine } from '../machines';

/** One product of the seeded inventory: the versions seen, the first of them vulnerable. */
interface SeededSoftware {
	vendor: string;
	name: string;
	versions: [vulnerable: string, fixed: string];
	platforms: RegExp;
}

/** One seeded CVE, on one product, with the KB that fixes it where Microsoft ships one. */
interface SeededCve {
	id: string;
	software: string;
	severity: 'Low' | 'Medium' | 'High' | 'Critical';
	cvssV3: number;
	publishedOn: string;
	publicExploit: boolean;
	fixingKbId: string | null;
	description: string;
}

export const SEEDED_SOFTWARE: readonly SeededSoftware[] = [
	{
		vendor: 'microsoft',
		name: 'edge',
		versions: ['120.0.2210.91', '124.0.2478.51'],
		platforms: /^Windows/,
	},
	{
		vendor: 'google',
		name: 'chrome',
		versions: ['116.0.5845.96', '124.0.6367.91'],
		platforms: /^Windows/,
	},
	{ vendor: 'git-scm', name: 'git', versions: ['2.39.2', '2.45.1'], platforms: /./ },
	{ vendor: 'openssl', name: 'openssl', versions: ['3.0.6', '3.0.13'], platforms: /^Linux/ },
	{
		vendor: 'microsoft',
		name: 'windows_10',
		versions: ['10.0.19045.3570', '10.0.19045.3693'],
		platforms: /^Windows10$/,
	},
];

export const SEEDED_CVES: readonly SeededCve[] = [
	{
		id: 'CVE-2024-21412',
		software: 'microsoft-_-edge',
		severity: 'High',
		cvssV3: 8.1,
		publishedOn: '2024-02-13T00:00:00Z',
		publicExploit: true,
		fixingKbId: null,
		description: 'Internet Shortcut Files security feature bypass.',
	},
	{
		id: 'CVE-2023-4863',
		software: 'google-_-chrome',
		severity: 'Critical',
		cvssV3: 8.8,
		publishedOn: '2023-09-12T00:00:00Z',
		publicExploit: true,
		fixingKbId: null,
		description: 'Heap buffer overflow in WebP.',
	},
	{
		id: 'CVE-2024-32002',
		software: 'git-scm-_-git',
		severity: 'Critical',
		cvssV3: 9.0,
		publishedOn: '2024-05-14T00:00:00Z',
		publicExploit: false,
		fixingKbId: null,
		description: 'Recursive clones on case-insensitive file systems may run hooks.',
	},
	{
		id: 'CVE-2022-3602',
		software: 'openssl-_-openssl',
		severity: 'High',
		cvssV3: 7.5,
		publishedOn: '2022-11-01T00:00:00Z',
		publicExploit: false,
		fixingKbId: null,
		description: 'X.509 email address 4-byte buffer overflow.',
	},
	{
		id: 'CVE-2023-36884',
		software: 'microsoft-_-windows_10',
		severity: 'High',
		cvssV3: 8.8,
		publishedOn: '2023-07-11T00:00:00Z',
		publicExploit: true,
		fixingKbId: '5031356',
		description: 'Windows Search remote code execution.',
	},
	{
		id: 'CVE-2023-36033',
		software: 'microsoft-_-windows_10',
		severity: 'Medium',
		cvssV3: 6.8,
		publishedOn: '2023-11-14T00:00:00Z',
		publicExploit: true,
		fixingKbId: '5032189',
		description: 'Windows DWM Core Library elevation of privilege.',
	},
];

export const softwareId = (software: SeededSoftware) => `${software.vendor}-_-${software.name}`;

const seedOf = (machine: SimulatedMachine) => parseInt(machine.id.slice(0, 4), 16);

/** The products a device runs and at which version: derived from its id and platform, the same on every call. */
export function installedOn(
	machine: SimulatedMachine,
): Array<{ software: SeededSoftware; version: string; vulnerable: boolean }> {
	const seed = seedOf(machine);
	return SEEDED_SOFTWARE.filter((software) => software.platforms.test(machine.osPlatform)).map(
		(software, index) => {
			const vulnerable = (seed + index) % 2 === 0;
			return { software, version: software.versions[vulnerable ? 0 : 1], vulnerable };
		},
	);
}

/** One row of the organisation-wide export, in Defender's `-_-` joined id form. */
export interface MachineVulnerabilityRow extends Record<string, unknown> {
	id: string;
	cveId: string;
	machineId: string;
	fixingKbId: string | null;
	productName: string;
	productVendor: string;
	productVersion: string;
	severity: string;
}

const rowOf = (machineId: string, cve: SeededCve, software: SeededSoftware, version: string) => ({
	id: [machineId, cve.id, software.vendor, software.name, version, cve.fixingKbId ?? ''].join(
		'-_-',
	),
	cveId: cve.id,
	machineId,
	fixingKbId: cve.fixingKbId,
	productName: software.name,
	productVendor: software.vendor,
	productVersion: version,
	severity: cve.severity,
});

/** The CVEs open on a device: those of its products installed at a vulnerable version. */
export function rowsOf(machine: SimulatedMachine): MachineVulnerabilityRow[] {
	return installedOn(machine)
		.filter((installed) => installed.vulnerable)
		.flatMap(({ software, version }) =>
			SEEDED_CVES.filter((cve) => cve.software === softwareId(software)).map((cve) =>
				rowOf(machine.id, cve, software, version),
			),
		);
}

/** Rows beyond the seeded devices' own, for paging and scale tests: row i of a device that is not onboarded. */
export function syntheticRow(index: number): MachineVulnerabilityRow {
	const cve = SEEDED_CVES[index % SEEDED_CVES.length];
	const software = SEEDED_SOFTWARE.find((candidate) => softwareId(candidate) === cve.software);
	const machineId = createHash('sha1').update(`synthetic-${index}`).digest('hex');
	return rowOf(machineId, cve, software ?? SEEDED_SOFTWARE[0], software?.versions[0] ?? '1.0');
}

/** What the simulator adds to its devices' own vulnerability rows. */
export class ExposureStore {
	/** Extra rows of Get Many By Device and Software and of the export assessments, served after the seeded devices' rows. */
	syntheticRows = 0;
	private made: MachineVulnerabilityRow[] = [];

	/** The synthetic rows, made once (a SHA-1 each) and kept while `syntheticRows` stays the same, not per page. */
	synthetic(): MachineVulnerabilityRow[] {
		if (this.made.length !== this.syntheticRows)
			this.made = Array.from({ length: this.syntheticRows }, (_, index) => syntheticRow(index));
		return this.made;
	}
}

export type { SeededCve, SeededSoftware };
