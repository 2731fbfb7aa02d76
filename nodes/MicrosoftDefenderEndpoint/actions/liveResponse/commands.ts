import type { IDataObject } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';

export type LiveResponseCommandType = 'PutFile' | 'RunScript' | 'GetFile';

/** Defender runs the commands of one action in this order of types, each type repeatable. */
const TYPE_ORDER: readonly LiveResponseCommandType[] = ['PutFile', 'RunScript', 'GetFile'];

const TYPE_LABEL: Record<LiveResponseCommandType, string> = {
	PutFile: 'Put File',
	RunScript: 'Run Script',
	GetFile: 'Get File',
};

/** One command as Defender takes it: `{ type, params: [{ key, value }] }`. */
export interface LiveResponseCommand {
	type: LiveResponseCommandType;
	params: Array<{ key: string; value: string }>;
}

interface CommandEntry {
	type?: unknown;
	scriptName?: unknown;
	arguments?: unknown;
	path?: unknown;
	fileName?: unknown;
}

// The portal's rule for library names; nothing that reads as a path or a second command.
const LIBRARY_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;
// A drive path (C:\...), a UNC path (\\server\share\...), or an absolute path on macOS and Linux.
const ABSOLUTE_PATH = /^(?:[A-Za-z]:\\|\\\\[^\\]+\\|\/)/;
// What Windows forbids in a path: wildcards, quotes, pipes, redirections.
const UNSAFE_PATH_CHARACTERS = /[*?"<>|]/;
/** Control characters (NUL, line breaks, escapes); a tab only where `allowTab`. */
const hasControlCharacter = (value: string, allowTab: boolean): boolean =>
	[...value].some((character) => {
		const code = character.charCodeAt(0);
		return (code < 32 && !(allowTab && code === 9)) || code === 127;
	});
const MAX_PATH_LENGTH = 1024;
const MAX_ARGUMENTS_LENGTH = 2048;

const text = (raw: unknown) =>
	typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;

/** A resource locator's value (`{ __rl, mode, value }`), or the plain string of a workflow saved before it was one. */
const locatorValue = (raw: unknown): unknown =>
	typeof raw === 'object' && raw !== null && 'value' in raw
		? (raw as { value: unknown }).value
		: raw;

export function checkLibraryName(raw: unknown, label: string): Checked<string> {
	const name = text(raw);
	if (!name)
		return {
			ok: false,
			problem: `${label} is empty: give the name of a file in the live response library`,
		};
	if (!LIBRARY_NAME.test(name) || name === '.' || name === '..') {
		return {
			ok: false,
			problem: `${label} must be a live response library file name (letters, digits, - _ and .), such as collector.ps1, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: name };
}

export function checkDevicePath(raw: unknown): Checked<string> {
	const path = text(raw);
	if (!path)
		return { ok: false, problem: 'Path is empty: give the full path of the file to collect' };
	if (
		path.length > MAX_PATH_LENGTH ||
		UNSAFE_PATH_CHARACTERS.test(path) ||
		hasControlCharacter(path, false) ||
		!ABSOLUTE_PATH.test(path)
	) {
		return {
			ok: false,
			problem: `Path must be a full file path such as C:\\Windows\\Temp\\out.zip, got ${describeInput(raw)}`,
		};
	}
	if (path.split(/[\\/]/).some((segment) => segment === '..' || segment === '.')) {
		return {
			ok: false,
			problem: `Path must not contain . or .. segments, got ${describeInput(raw)}`,
		};
	}
	if (/[\\/]$/.test(path))
		return { ok: false, problem: `Path must name a file, not a folder, got ${describeInput(raw)}` };
	return { ok: true, value: path };
}

function checkArguments(raw: unknown): Checked<string> {
	const args = text(raw) ?? '';
	if (args.length > MAX_ARGUMENTS_LENGTH || hasControlCharacter(args, true)) {
		return {
			ok: false,
			problem: `Arguments must be one line of text of at most ${MAX_ARGUMENTS_LENGTH} characters, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: args };
}

function checkCommand(entry: CommandEntry, position: number): Checked<LiveResponseCommand> {
	const where = `Command ${position + 1}`;
	const failed = (checked: { ok: false; problem: string }) => ({
		ok: false as const,
		problem: `${where}: ${checked.problem}`,
	});
	if (entry.type === 'PutFile') {
		const name = checkLibraryName(entry.fileName, 'File Name');
		return name.ok
			? { ok: true, value: { type: 'PutFile', params: [{ key: 'FileName', value: name.value }] } }
			: failed(name);
	}
	if (entry.type === 'RunScript') {
		const name = checkLibraryName(locatorValue(entry.scriptName), 'Script Name');
		if (!name.ok) return failed(name);
		const args = checkArguments(entry.arguments);
		if (!args.ok) return failed(args);
		const params = [
			{ key: 'ScriptName', value: name.value },
			...(args.value ? [{ key: 'Args', value: args.value }] : []),
		];
		return { ok: true, value: { type: 'RunScript', params } };
	}
	if (entry.type === 'GetFile') {
		const path = checkDevicePath(entry.path);
		return path.ok
			? { ok: true, value: { type: 'GetFile', params: [{ key: 'Path', value: path.value }] } }
			: failed(path);
	}
	return {
		ok: false,
		problem: `${where}: Type must be one of Put File, Run Script, Get File, got ${describeInput(entry.type)}`,
	};
}

/** The Commands parameter as Defender's `Commands`, checked: every field, and the order Defender requires. */
export function checkCommands(raw: unknown): Checked<LiveResponseCommand[]> {
	const entries = (raw as { command?: unknown } | undefined)?.command;
	if (!Array.isArray(entries) || entries.length === 0)
		return { ok: false, problem: 'Commands is empty: add at least one command' };
	const commands: LiveResponseCommand[] = [];
	for (const [position, entry] of entries.entries()) {
		const checked = checkCommand((entry ?? {}) as CommandEntry, position);
		if (!checked.ok) return checked;
		const previous = commands[commands.length - 1];
		if (previous && TYPE_ORDER.indexOf(checked.value.type) < TYPE_ORDER.indexOf(previous.type)) {
			return {
				ok: false,
				problem: `Command ${position + 1}: a ${TYPE_LABEL[checked.value.type]} cannot follow a ${TYPE_LABEL[previous.type]}; Defender runs Put File commands first, then Run Script, then Get File`,
			};
		}
		commands.push(checked.value);
	}
	return { ok: true, value: commands };
}

/** A command's parameter by its key, from an action Defender returned. */
export function commandParam(command: IDataObject | undefined, key: string): string | undefined {
	const params = (command?.params ?? []) as Array<{ key?: unknown; value?: unknown }>;
	const found = Array.isArray(params) ? params.find((param) => param.key === key) : undefined;
	return typeof found?.value === 'string' ? found.value : undefined;
}
