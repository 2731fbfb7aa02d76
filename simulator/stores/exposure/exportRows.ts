import { createHash } from 'node:crypto';

import type { SimulatedMachine } from '../machines';
import { SEEDED_CVES, SEEDED_SOFTWARE, installedOn, softwareId } from './exposureData';
import type { SeededSoftware } from './exposureData';

/** The device fields every export row starts with, as Defender's export examples show them. */
interface ExportDevice {
	id: string;
	computerDnsName: string;
	osPlatform: string;
	osArchitecture: string;
	version: string | null;
	rbacGroupName: string;
	firstSeen: string;
}

const SEEN = '2026-11-20 06:00:00';
/** Defender writes the export's timestamps as `yyyy-MM-dd HH:mm:ss`, not ISO 8601. */
const exportTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

const paths = (software: SeededSoftware, os: string) =>
	os.startsWith('Windows')
		? {
				diskPaths: [
					`C:\\Program Files\\${software.vendor}\\${software.name}\\${software.name}.exe`,
				],
				registryPaths: [
					`HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${software.name}`,
				],
			}
		: { diskPaths: [`/usr/bin/${software.name}`], registryPaths: [] };

/** One row of "Export software vulnerabilities assessment per device": a device, a software version and one of its CVEs (or none). */
function vulnerabilityRows(device: ExportDevice, installed: ReturnType<typeof installedOn>) {
	return installed.flatMap(({ software, version, vulnerable }) => {
		const cves = vulnerable
			? SEEDED_CVES.filter((cve) => cve.software === softwareId(software))
			: [];
		return (cves.length ? cves : [undefined]).map((cve) => ({
			id: `${device.id}_${software.name}_${version}_${cve?.id ?? ''}_`,
			deviceId: device.id,
			rbacGroupName: device.rbacGroupName,
			deviceName: device.computerDnsName,
			osPlatform: device.osPlatform,
			osVersion: device.version,
			osArchitecture: device.osArchitecture,
			softwareVendor: software.vendor,
			softwareName: software.name,
			softwareVersion: version,
			cveId: cve?.id ?? null,
			cvssScore: cve?.cvssV3 ?? null,
			vulnerabilitySeverityLevel: cve?.severity ?? null,
			recommendedSecurityUpdate: cve?.fixingKbId ? `KB${cve.fixingKbId}` : null,
			recommendedSecurityUpdateId: cve?.fixingKbId ?? null,
			recommendedSecurityUpdateUrl: null,
			...paths(software, device.osPlatform),
			lastSeenTimestamp: SEEN,
			firstSeenTimestamp: exportTime(device.firstSeen),
			exploitabilityLevel: cve?.publicExploit ? 'ExploitIsPublic' : 'NoExploit',
			recommendationReference: `va-_-${softwareId(software)}`,
			securityUpdateAvailable: vulnerable,
		}));
	});
}

/** One row of "Export software inventory assessment per device": a device and a software version. */
function inventoryRows(device: ExportDevice, installed: ReturnType<typeof installedOn>) {
	return installed.map(({ software, version, vulnerable }) => ({
		deviceId: device.id,
		rbacGroupName: device.rbacGroupName,
		deviceName: device.computerDnsName,
		osPlatform: device.osPlatform,
		softwareVendor: software.vendor,
		softwareName: software.name,
		softwareVersion: version,
		numberOfWeaknesses: vulnerable
			? SEEDED_CVES.filter((cve) => cve.software === softwareId(software)).length
			: 0,
		...paths(software, device.osPlatform),
		softwareFirstSeenTimestamp: exportTime(device.firstSeen),
		endOfSupportStatus: 'None',
		endOfSupportDate: null,
	}));
}

export type ExportKind = 'vulnerabilities' | 'inventory';

const rowsFor = (
	kind: ExportKind,
	device: ExportDevice,
	installed: ReturnType<typeof installedOn>,
): object[] =>
	kind === 'vulnerabilities'
		? vulnerabilityRows(device, installed)
		: inventoryRows(device, installed);

/** The rows of the seeded devices. */
export const deviceExportRows = (kind: ExportKind, machines: SimulatedMachine[]): object[] =>
	machines.flatMap((machine) => rowsFor(kind, machine, installedOn(machine)));

/** Synthetic row `index`, of a Windows device that is not onboarded: made only when a page holds it. */
export function syntheticExportRow(kind: ExportKind, index: number): object {
	const id = createHash('sha1').update(`synthetic-export-${index}`).digest('hex');
	const software = SEEDED_SOFTWARE[index % 2];
	const device: ExportDevice = {
		id,
		computerDnsName: `synthetic-${index}.contoso.local`,
		osPlatform: 'Windows11',
		osArchitecture: '64-bit',
		version: '23H2',
		rbacGroupName: 'Synthetic',
		firstSeen: '2026-01-01T00:00:00Z',
	};
	return rowsFor(kind, device, [{ software, version: software.versions[0], vulnerable: true }])[0];
}
