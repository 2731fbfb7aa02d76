import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { describeInput } from '../../shared/checks';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { DefenderClient } from '../../transport/client';
import { extractHttpFailure } from '../../transport/failures/httpFailure';
import { commandParam } from '../machine/liveResponseCommands';

/** What to do with a completed command's result. */
export interface ResultHandling {
	scriptResults: boolean;
	downloadFiles: boolean;
	/** The binary field a Get File result goes to, given the command's index. */
	binaryProperty: (index: number) => string;
}

/** The Run Live Response options that choose which results are read, and where files go. */
export const resultHandlingOptions = (defaultPrefix: string): INodeProperties[] => [
	{
		displayName: 'Read Script Results',
		name: 'scriptResults',
		type: 'boolean',
		default: true,
		description:
			"Whether to read each completed Run Script's exit code, output and errors into the output",
	},
	{
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'boolean',
		default: true,
		description:
			'Whether to download each collected Get File as a binary file (the download link is fetched without the Defender token)',
	},
	{
		displayName: 'Put Files in Fields Starting With',
		name: 'binaryPropertyPrefix',
		type: 'string',
		default: defaultPrefix,
		description: `The binary field of each collected file is this prefix and the command's index, e.g. ${defaultPrefix}2 for the third command`,
	},
];

export const BINARY_PROPERTY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** The result options of the item, checked. */
export function readResultHandling(
	ctx: IExecuteSingleFunctions,
	client: DefenderClient,
	defaultPrefix: string,
): ResultHandling {
	const options = ctx.getNodeParameter('options', {}) as {
		scriptResults?: boolean;
		downloadFiles?: boolean;
		binaryPropertyPrefix?: unknown;
	};
	const prefix = options.binaryPropertyPrefix ?? defaultPrefix;
	if (typeof prefix !== 'string' || !BINARY_PROPERTY_PATTERN.test(`${prefix.trim()}0`)) {
		throw client.inputError(
			`Put Files in Fields Starting With must be the start of a field name such as file_, got ${describeInput(prefix)}`,
		);
	}
	return {
		scriptResults: options.scriptResults !== false,
		downloadFiles: options.downloadFiles !== false,
		binaryProperty: (index) => `${prefix.trim()}${index}`,
	};
}

/** One command's status and, when it completed and was asked for, its result. */
export interface CommandResult {
	json: IDataObject;
	binary?: { property: string; data: IBinaryData };
}

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

/** Where a short-lived link points, without its signature (the query string is a credential). */
export const hostOf = (link: string): string => {
	try {
		return new URL(link).origin;
	} catch {
		return 'an invalid link';
	}
};

/** The action's commands as Defender lists them, each with its index. */
export const commandsOf = (action: IDataObject): IDataObject[] =>
	Array.isArray(action.commands) ? (action.commands as IDataObject[]) : [];

/** The command's own fields: its type and parameters, as the output shows them. */
function describeCommand(entry: IDataObject): IDataObject {
	const command = entry.command as IDataObject | undefined;
	const type = String(command?.type ?? 'Unknown');
	const params: IDataObject =
		type === 'RunScript'
			? {
					scriptName: commandParam(command, 'ScriptName'),
					arguments: commandParam(command, 'Args') ?? '',
				}
			: type === 'GetFile'
				? { path: commandParam(command, 'Path') }
				: { fileName: commandParam(command, 'FileName') };
	return {
		index: entry.index,
		type,
		...params,
		commandStatus: entry.commandStatus,
		errors: Array.isArray(entry.errors) ? entry.errors : [],
		startTime: entry.startTime ?? null,
		endTime: entry.endTime ?? null,
	};
}

/** Asks Defender for the result link (valid 30 minutes) and downloads it without the Defender token; an expired link is asked for once more. */
async function downloadResult(
	ctx: IExecuteSingleFunctions,
	client: DefenderClient,
	actionId: string,
	index: number,
): Promise<Buffer> {
	const subject = `the result of command ${index} of live response action ${actionId}`;
	for (let attempt = 0; ; attempt++) {
		const answer = await client.call(
			API_ENDPOINTS.getLiveResponseResult,
			{
				method: 'GET',
				url: `/api/machineactions/${actionId}/GetLiveResponseResultDownloadLink(index=${index})`,
			},
			{ subject, verb: 'read' },
		);
		const link = answer.value;
		if (typeof link !== 'string' || !/^https?:\/\//i.test(link)) {
			throw client.inputError(
				`Defender answered the request for ${subject} without a download link`,
			);
		}
		try {
			// A plain request, not the authenticated one: the link is pre-signed and its host is not Defender's.
			const body: unknown = await ctx.helpers.httpRequest({
				method: 'GET',
				url: link,
				encoding: 'arraybuffer',
				json: false,
			});
			return Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
		} catch (error) {
			const failure = extractHttpFailure(error);
			// The storage host refuses an expired signature with 403; a new link costs one call.
			if (failure.statusCode === 403 && attempt === 0) continue;
			throw client.inputError(
				`Could not download ${subject} from ${hostOf(link)}: ${failure.statusCode ? `HTTP ${failure.statusCode}` : (failure.networkCode ?? 'no answer')}`,
				failure.statusCode === 403
					? 'The storage host refused a fresh link too: the link Defender gives is valid for 30 minutes. Run the item again.'
					: 'Run the item again to get a new link.',
			);
		}
	}
}

/** A Run Script result as Defender writes it: `script_name`, `exit_code`, `script_output`, `script_errors` (older docs: `name`, `script_error`). */
export function parseScriptResult(bytes: Buffer): IDataObject {
	let parsed: IDataObject;
	try {
		parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as IDataObject;
	} catch {
		return {
			scriptOutput: bytes.toString('utf8').split('\u0000').join(''),
			resultError: 'The script result is not the JSON Defender documents',
		};
	}
	const textOf = (...keys: string[]) => {
		const value = keys.map((key) => parsed[key]).find((candidate) => typeof candidate === 'string');
		// Defender pads the output with NUL characters.
		return typeof value === 'string' ? value.split('\u0000').join('') : '';
	};
	const exitCode =
		typeof parsed.exit_code === 'number' ? parsed.exit_code : Number(parsed.exit_code);
	return {
		exitCode: Number.isFinite(exitCode) ? exitCode : null,
		scriptOutput: textOf('script_output'),
		scriptErrors: textOf('script_errors', 'script_error'),
	};
}

/** Why a command has no result yet, or will never have one, in the user's words. */
export function notReadyReason(entry: IDataObject, action: IDataObject): string {
	const status = String(entry.commandStatus ?? 'unknown');
	const errors =
		Array.isArray(entry.errors) && entry.errors.length > 0
			? ` (${entry.errors.map(String).join('; ')})`
			: '';
	if (
		['Succeeded', 'Failed', 'TimeOut', 'Cancelled'].includes(String(action.status)) &&
		status !== 'Failed'
	) {
		return `the command did not run to completion: it is ${status} and the action ${String(action.status)}${errors}`;
	}
	return `the command is ${status}${errors}`;
}

/** One command of a live response action: its status and errors, and its result when it completed and was asked for. */
export async function commandResult(
	ctx: IExecuteSingleFunctions,
	client: DefenderClient,
	action: IDataObject,
	entry: IDataObject,
	handling: ResultHandling,
): Promise<CommandResult> {
	const json = describeCommand(entry);
	const index = Number(entry.index);
	const completed = entry.commandStatus === 'Completed';
	if (json.type === 'PutFile') return { json };
	if (json.type === 'RunScript' && handling.scriptResults) {
		if (!completed)
			return { json: { ...json, resultError: `No result: ${notReadyReason(entry, action)}` } };
		return {
			json: {
				...json,
				...parseScriptResult(await downloadResult(ctx, client, String(action.id), index)),
			},
		};
	}
	if (json.type === 'GetFile' && handling.downloadFiles) {
		if (!completed)
			return { json: { ...json, resultError: `No file: ${notReadyReason(entry, action)}` } };
		const bytes = await downloadResult(ctx, client, String(action.id), index);
		const fileName = fileNameOf(String(json.path));
		const property = handling.binaryProperty(index);
		const data = await ctx.helpers.prepareBinaryData(bytes, fileName, guessMimeType(fileName));
		return {
			json: { ...json, fileName, fileSize: bytes.length, binaryProperty: property },
			binary: { property, data },
		};
	}
	return { json };
}
