import type { SimulatedMachine } from '../machines';
import { SEEDED_CVES, SEEDED_SOFTWARE, installedOn, rowsOf, softwareId } from './exposureData';
import type { SeededCve, SeededSoftware } from './exposureData';

/** The devices exposed to a CVE: those whose rows name it. */
export const devicesExposedTo = (machines: SimulatedMachine[], cveId: string) =>
	machines.filter((machine) => rowsOf(machine).some((row) => row.cveId === cveId));

/** The devices a product is installed on, at any version. */
export const devicesRunning = (machines: SimulatedMachine[], software: SeededSoftware) =>
	machines.filter((machine) =>
		installedOn(machine).some((installed) => installed.software === software),
	);

/** A device as the vulnerability-management lists reference it. */
export const machineReference = (machine: SimulatedMachine) => ({
	id: machine.id,
	computerDnsName: machine.computerDnsName,
	osPlatform: machine.osPlatform,
	rbacGroupName: machine.rbacGroupName,
});

export const vulnerabilityEntity = (cve: SeededCve, machines: SimulatedMachine[]) => ({
	id: cve.id,
	name: cve.id,
	description: cve.description,
	severity: cve.severity,
	cvssV3: cve.cvssV3,
	exposedMachines: devicesExposedTo(machines, cve.id).length,
	publishedOn: cve.publishedOn,
	updatedOn: cve.publishedOn.replace('T00:00:00Z', 'T12:00:00Z'),
	publicExploit: cve.publicExploit,
	exploitVerified: cve.publicExploit,
	exploitInKit: false,
	exploitTypes: [],
	exploitUris: [],
});

const cvesOf = (software: SeededSoftware) =>
	SEEDED_CVES.filter((cve) => cve.software === softwareId(software));

/** Devices running the product at its vulnerable version. */
const exposedRunning = (machines: SimulatedMachine[], software: SeededSoftware) =>
	machines.filter((machine) =>
		installedOn(machine).some(
			(installed) => installed.software === software && installed.vulnerable,
		),
	);

export const softwareEntity = (software: SeededSoftware, machines: SimulatedMachine[]) => ({
	id: softwareId(software),
	name: software.name,
	vendor: software.vendor,
	weaknesses: cvesOf(software).length,
	publicExploit: cvesOf(software).some((cve) => cve.publicExploit),
	activeAlert: false,
	exposedMachines: exposedRunning(machines, software).length,
	impactScore: Math.round(cvesOf(software).reduce((sum, cve) => sum + cve.cvssV3, 0) * 10) / 10,
});

export const recommendationEntity = (software: SeededSoftware, machines: SimulatedMachine[]) => ({
	id: `va-_-${softwareId(software)}`,
	productName: software.name,
	recommendationName: `Update ${software.name} to version ${software.versions[1]}`,
	weaknesses: cvesOf(software).length,
	vendor: software.vendor,
	recommendedVersion: software.versions[1],
	recommendationCategory: software.name.startsWith('windows') ? 'OS' : 'Application',
	subCategory: '',
	severityScore: Math.max(0, ...cvesOf(software).map((cve) => cve.cvssV3)),
	publicExploit: cvesOf(software).some((cve) => cve.publicExploit),
	activeAlert: false,
	associatedThreats: [],
	remediationType: 'Update',
	status: 'Active',
	configScoreImpact: 0,
	exposureImpact: exposedRunning(machines, software).length,
	totalMachineCount: devicesRunning(machines, software).length,
	exposedMachinesCount: exposedRunning(machines, software).length,
	nonProductivityImpactedAssets: 0,
	relatedComponent: software.name,
});

/** The installed versions of a product, with their installations and open CVEs. */
export const distributionsOf = (software: SeededSoftware, machines: SimulatedMachine[]) =>
	software.versions.map((version, index) => ({
		version,
		installations: machines.filter((machine) =>
			installedOn(machine).some(
				(installed) => installed.software === software && installed.version === version,
			),
		).length,
		vulnerabilities: index === 0 ? cvesOf(software).length : 0,
	}));

/** The KBs that would fix a product's CVEs, with the devices missing each. */
export const missingKbsOf = (software: SeededSoftware, machines: SimulatedMachine[]) =>
	cvesOf(software)
		.filter((cve) => cve.fixingKbId !== null)
		.map((cve) => ({
			id: cve.fixingKbId,
			name: `Security update for ${software.name} (${cve.id})`,
			productsNames: [software.name],
			url: `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${cve.fixingKbId ?? ''}`,
			machineMissedOn: exposedRunning(machines, software).length,
			cveAddressed: 1,
		}));

export const findSoftware = (id: string) =>
	SEEDED_SOFTWARE.find((software) => softwareId(software).toLowerCase() === id.toLowerCase());

export const findCve = (id: string) =>
	SEEDED_CVES.find((cve) => cve.id.toLowerCase() === id.toLowerCase());

export const findRecommendation = (id: string) =>
	SEEDED_SOFTWARE.find(
		(software) => `va-_-${softwareId(software)}`.toLowerCase() === id.toLowerCase(),
	);
