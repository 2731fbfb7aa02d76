import type { SimulatedMachine } from './machines';

/** A Run Script result as Defender writes it (older docs said `name` and `script_error`; these are the real keys). */
export interface ScriptResult {
	script_name: string;
	exit_code: number;
	script_output: string;
	script_errors: string;
}

export interface ScriptRun {
	result: ScriptResult;
	/** Files the script wrote on the device, for a later Get File. */
	writes: Array<{ path: string; content: string }>;
}

const quoted = (text: string) => /^\s*(["'])(.*)\1\s*$/.exec(text)?.[2];

/**
 * Runs a library script the simulator's way: `Write-Output "…"` prints, `Write-Error "…"` writes an
 * error, `… | Out-File -FilePath "…"` saves what was printed so far on the device, `exit N` ends it.
 * `$args` and `$env:COMPUTERNAME` are replaced. Defender's transcript banner and NUL padding are kept.
 */
export function runScript(
	scriptName: string,
	content: string,
	args: string,
	machine: SimulatedMachine,
	actionId: string,
): ScriptRun {
	const output: string[] = [];
	const errors: string[] = [];
	const writes: ScriptRun['writes'] = [];
	let exitCode = 0;
	const expand = (text: string) =>
		text
			.replace(/\$args/g, args)
			.replace(/\$env:COMPUTERNAME/gi, machine.computerDnsName.split('.')[0]);
	for (const line of content.split(/\r?\n/)) {
		const [statement, pipeline = ''] = line.split('|');
		const print = /^\s*Write-Output\s+(.+?)\s*$/i.exec(statement);
		const error = /^\s*Write-Error\s+(.+?)\s*$/i.exec(statement);
		const exit = /^\s*exit\s+(-?\d+)\s*$/i.exec(statement);
		const save = /Out-File\s+-FilePath\s+(["'][^"']+["'])/i.exec(pipeline);
		if (print) output.push(expand(quoted(print[1]) ?? print[1]));
		if (error) errors.push(expand(quoted(error[1]) ?? error[1]));
		if (save)
			writes.push({ path: quoted(save[1]) ?? save[1], content: `${output.join('\r\n')}\r\n` });
		if (exit) {
			exitCode = Number(exit[1]);
			break;
		}
	}
	const banner = `Transcript started, output file is C:\\ProgramData\\Microsoft\\Windows Defender Advanced Threat Protection\\Temp\\PSScriptOutputs\\PSScript_Transcript_${actionId}.txt\n`;
	return {
		result: {
			script_name: scriptName,
			exit_code: exitCode,
			script_output: `${banner}${output.map((text) => `${text}\n`).join('')}\u0000\u0000\u0000`,
			script_errors: errors.join('\n'),
		},
		writes,
	};
}
