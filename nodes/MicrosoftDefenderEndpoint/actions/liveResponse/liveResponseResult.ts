import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { BINARY_PROPERTY_PATTERN, describeInput } from '../../../core/operation/checks';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { commandParam } from './commands';
import { fileNameOf, guessMimeType } from './fileType';
import { downloadPresigned, presignedLink } from '../machineAction/presignedDownload';
import { parseScriptResult } from './scriptResult';

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

/** The result options of the item, checked. */
export function readResultHandling(
	ctx: IExecuteSingleFunctions,
	client: ApiClient,
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
	client: ApiClient,
	actionId: string,
	index: number,
): Promise<Buffer> {
	const subject = `the result of command ${index} of live response action ${actionId}`;
	const askLink = async () => {
		const answer = await client.call(
			API_ENDPOINTS.getLiveResponseResult,
			{
				method: 'GET',
				url: `/api/machineactions/${actionId}/GetLiveResponseResultDownloadLink(index=${index})`,
			},
			{ subject, verb: 'read' },
		);
		return presignedLink(client, answer.value, `the request for ${subject}`);
	};
	return await downloadPresigned(ctx, client, {
		subject,
		link: await askLink(),
		renew: askLink,
		hint: (failure) =>
			failure.statusCode === 403
				? 'The storage host refused a fresh link too: the link Defender gives is valid for 30 minutes. Run the item again.'
				: 'Run the item again to get a new link.',
	});
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
	client: ApiClient,
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
