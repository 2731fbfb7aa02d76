import type { SimulatorClock } from '../core/clock';
import { HttpProblem } from '../core/httpProblem';
import { FINAL_STATUSES } from './machineActions';
import type { ActionStore, SimulatedMachineAction } from './machineActions';
import type { MachineStore, SimulatedMachine } from './machines';
import { runScript } from './liveResponseScripts';
import type { LibraryStore } from './library';

/** How live response actions move on, measured from their creation with the simulator's clock. */
/** The stores a live response session reads and moves on: its action, the device, the library. */
export interface LiveResponseStores {
	actions: ActionStore;
	machines: MachineStore;
	library: LibraryStore;
}

export interface LiveResponseOptions {
	/** Pending until the device picks the action up (default 1 s); an inactive device never does. */
	startAfterMs?: number;
	/** How long each command runs (default 2 s). */
	commandMs?: number;
	/** How long a result link works (Defender: 30 minutes). */
	resultLinkLifetimeMs?: number;
}

type CommandType = 'PutFile' | 'RunScript' | 'GetFile';
const TYPE_ORDER: CommandType[] = ['PutFile', 'RunScript', 'GetFile'];
const REQUIRED_PARAM: Record<CommandType, string> = {
	PutFile: 'FileName',
	RunScript: 'ScriptName',
	GetFile: 'Path',
};

interface Command {
	type: CommandType;
	params: Array<{ key: string; value: string }>;
}

/** One command of a live response action, as Defender lists it in `commands[]`. */
export interface SimulatedCommand {
	index: number;
	startTime: string | null;
	endTime: string | null;
	commandStatus: 'Created' | 'InProgress' | 'Completed' | 'Failed';
	errors: string[];
	command: Command;
}

/** The body's `Commands`, checked as Defender does before it creates the action. */
export function parseCommands(params: Record<string, unknown>): Command[] {
	const commands = params.Commands;
	if (!Array.isArray(commands) || commands.length === 0)
		throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Commands' is required");
	let previous = 0;
	return commands.map((raw: unknown, position) => {
		const entry = (raw ?? {}) as { type?: unknown; params?: unknown };
		const type = entry.type as CommandType;
		if (!TYPE_ORDER.includes(type))
			throw new HttpProblem(
				400,
				'InvalidInput',
				`Command ${position} has an unknown type '${String(entry.type)}'`,
			);
		if (TYPE_ORDER.indexOf(type) < previous)
			throw new HttpProblem(
				400,
				'InvalidInput',
				'Commands must be ordered PutFile, RunScript, GetFile',
			);
		previous = TYPE_ORDER.indexOf(type);
		const list = Array.isArray(entry.params)
			? (entry.params as Array<{ key?: unknown; value?: unknown }>)
			: [];
		const checked = list.map(({ key, value }) => ({
			key: String(key),
			value: typeof value === 'string' ? value : String(value),
		}));
		if (!checked.some(({ key, value }) => key === REQUIRED_PARAM[type] && value !== '')) {
			throw new HttpProblem(
				400,
				'MissingRequiredParameter',
				`Command ${position} (${type}) requires the parameter '${REQUIRED_PARAM[type]}'`,
			);
		}
		return { type, params: checked };
	});
}

const param = (command: Command, key: string) =>
	command.params.find((candidate) => candidate.key === key)?.value ?? '';

/** Files on the simulated devices, by path (case-insensitive, as on Windows). */
const DEFAULT_DEVICE_FILES: Record<string, string> = {
	'c:\\windows\\system32\\drivers\\etc\\hosts':
		'# Copyright (c) 1993-2009 Microsoft Corp.\r\n127.0.0.1       localhost\r\n',
};

/** Live response sessions: their commands run one by one, results kept for the download links. */
export class LiveResponseStore {
	private readonly sessions = new Map<string, { createdAt: number; next: number }>();
	/** Each completed command's result: Run Script's JSON, Get File's bytes. */
	readonly results = new Map<string, Buffer>();
	private readonly deviceFiles = new Map<string, Map<string, Buffer>>();

	constructor(
		private readonly clock: SimulatorClock,
		private readonly options: LiveResponseOptions = {},
	) {}

	get resultLinkLifetimeMs(): number {
		return this.options.resultLinkLifetimeMs ?? 30 * 60_000;
	}

	addDeviceFile(machineId: string, path: string, content: string | Buffer): void {
		const files = this.deviceFiles.get(machineId.toLowerCase()) ?? new Map<string, Buffer>();
		files.set(
			path.toLowerCase(),
			Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
		);
		this.deviceFiles.set(machineId.toLowerCase(), files);
	}

	deviceFile(machineId: string, path: string): Buffer | undefined {
		const own = this.deviceFiles.get(machineId.toLowerCase())?.get(path.toLowerCase());
		const shared = DEFAULT_DEVICE_FILES[path.toLowerCase()];
		return own ?? (shared === undefined ? undefined : Buffer.from(shared, 'utf8'));
	}

	start(
		state: LiveResponseStores,
		action: SimulatedMachineAction,
		params: Record<string, unknown>,
	): void {
		// Moved by the session from here, not by the common lifecycle.
		state.actions.setStatus(action.id, 'Pending');
		action.commands = parseCommands(params).map(
			(command, index): SimulatedCommand => ({
				index,
				startTime: null,
				endTime: null,
				commandStatus: 'Created',
				errors: [],
				command,
			}),
		);
		this.sessions.set(action.id, { createdAt: this.clock.now(), next: 0 });
	}

	/** Runs what is due of every session as of now: one command after the other; a failing one ends the action. */
	advance(state: LiveResponseStores): void {
		const now = this.clock.now();
		const startAfter = this.options.startAfterMs ?? 1_000;
		const commandMs = this.options.commandMs ?? 2_000;
		for (const [id, session] of this.sessions) {
			const action = state.actions.actions.get(id);
			if (!action || FINAL_STATUSES.includes(action.status)) continue;
			const machine = state.machines.machines.get(action.machineId);
			if (!machine || machine.healthStatus !== 'Active' || now - session.createdAt < startAfter)
				continue;
			const commands = action.commands as SimulatedCommand[];
			const stamp = (at: number) => {
				action.lastUpdateDateTimeUtc = new Date(at).toISOString();
				return action.lastUpdateDateTimeUtc;
			};
			if (action.status === 'Pending') {
				action.status = 'InProgress';
				stamp(session.createdAt + startAfter);
			}
			while (session.next < commands.length) {
				const command = commands[session.next];
				const startAt = session.createdAt + startAfter + session.next * commandMs;
				if (command.commandStatus === 'Created') {
					command.commandStatus = 'InProgress';
					command.startTime = stamp(startAt);
				}
				if (now < startAt + commandMs) break;
				command.endTime = stamp(startAt + commandMs);
				const outcome = this.run(state, machine, action.id, command);
				if (!outcome.ok) {
					command.commandStatus = 'Failed';
					command.errors = [outcome.error];
					action.status = 'Failed';
					action.errorHResult = -2147467259;
					break;
				}
				command.commandStatus = 'Completed';
				if (outcome.result) this.results.set(`${id}/${command.index}`, outcome.result);
				session.next++;
			}
			if (session.next === commands.length) action.status = 'Succeeded';
		}
	}

	private run(
		state: LiveResponseStores,
		machine: SimulatedMachine,
		actionId: string,
		{ command }: SimulatedCommand,
	) {
		if (command.type === 'GetFile') {
			const path = param(command, 'Path');
			const bytes = this.deviceFile(machine.id, path);
			return bytes
				? { ok: true as const, result: bytes }
				: { ok: false as const, error: `The system cannot find the file specified: ${path}` };
		}
		const name = param(command, command.type === 'PutFile' ? 'FileName' : 'ScriptName');
		const file = state.library.get(name);
		if (!file)
			return { ok: false as const, error: `${name} was not found in the live response library` };
		if (command.type === 'PutFile') return { ok: true as const, result: undefined };
		const run = runScript(
			file.entity.fileName,
			file.content.toString('utf8'),
			param(command, 'Args'),
			machine,
			actionId,
		);
		for (const written of run.writes) this.addDeviceFile(machine.id, written.path, written.content);
		return { ok: true as const, result: Buffer.from(JSON.stringify(run.result), 'utf8') };
	}
}
