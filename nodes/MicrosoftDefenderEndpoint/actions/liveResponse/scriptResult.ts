import type { IDataObject } from 'n8n-workflow';

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
