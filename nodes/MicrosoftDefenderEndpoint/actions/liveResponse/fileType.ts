const MIME_TYPES: Record<string, string> = {
	zip: 'application/zip',
	gz: 'application/gzip',
	'7z': 'application/x-7z-compressed',
	json: 'application/json',
	xml: 'application/xml',
	pdf: 'application/pdf',
	txt: 'text/plain',
	log: 'text/plain',
	ps1: 'text/plain',
	csv: 'text/csv',
	html: 'text/html',
	png: 'image/png',
	jpg: 'image/jpeg',
};

/** The file name at the end of a device path, Windows or POSIX. */
export const fileNameOf = (path: string): string =>
	path.split(/[\\/]/).filter(Boolean).pop() ?? 'file';

/** A MIME type from the file name's extension; unknown ones are plain bytes. */
export const guessMimeType = (fileName: string): string =>
	MIME_TYPES[/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1].toLowerCase() ?? ''] ??
	'application/octet-stream';
