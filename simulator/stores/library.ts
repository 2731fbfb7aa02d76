import { createHash } from 'node:crypto';

import type { SimulatorClock } from '../core/clock';

export interface LibraryFile {
	fileName: string;
	sha256: string;
	description: string;
	creationTime: string;
	lastUpdatedTime: string;
	createdBy: string;
	hasParameters: boolean;
	parametersDescription?: string;
}

export interface NewLibraryFile {
	fileName: string;
	content: string;
	description?: string;
	hasParameters?: boolean;
	parametersDescription?: string;
	createdBy?: string;
}

/** The script `npm start` puts in the library: run it on a device, then collect the report it writes. */
export const DEMO_LIBRARY_SCRIPT: NewLibraryFile = {
	fileName: 'collect-triage.ps1',
	description: 'Lists what an analyst looks at first and saves it to C:\\Windows\\Temp\\triage.txt',
	hasParameters: true,
	parametersDescription: 'A case reference, written into the report',
	content: [
		'Write-Output "Triage of $env:COMPUTERNAME for case $args"',
		'Write-Output "Processes: 142, 3 unsigned (svch0st.exe, upd.exe, tmp4411.exe)"',
		'Write-Output "Listening ports: 135, 445, 3389, 4444"',
		'Write-Output "Autoruns: HKCU\\...\\Run\\Updater -> C:\\Users\\Public\\upd.exe"',
		'Write-Output "Report saved" | Out-File -FilePath "C:\\Windows\\Temp\\triage.txt"',
		'exit 0',
	].join('\r\n'),
};

/** The live response library: files by name (case-insensitive, as on Windows), with their content. */
export class LibraryStore {
	readonly files = new Map<string, { entity: LibraryFile; content: Buffer }>();

	constructor(private readonly clock: SimulatorClock) {}

	add(file: NewLibraryFile): LibraryFile {
		const content = Buffer.from(file.content, 'utf8');
		const now = this.clock.iso();
		const existing = this.files.get(file.fileName.toLowerCase());
		const entity: LibraryFile = {
			fileName: file.fileName,
			sha256: createHash('sha256').update(content).digest('hex'),
			description: file.description ?? '',
			creationTime: existing?.entity.creationTime ?? now,
			lastUpdatedTime: now,
			createdBy: file.createdBy ?? 'admin@contoso.com',
			hasParameters: file.hasParameters ?? false,
			// Defender leaves the field out when the file takes no parameters.
			...(file.hasParameters && file.parametersDescription
				? { parametersDescription: file.parametersDescription }
				: {}),
		};
		this.files.set(file.fileName.toLowerCase(), { entity, content });
		return entity;
	}

	get(fileName: string): { entity: LibraryFile; content: Buffer } | undefined {
		return this.files.get(fileName.toLowerCase());
	}
}
