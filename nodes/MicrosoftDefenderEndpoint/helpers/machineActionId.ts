import type { Checked } from './interfaces';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_INPUT_LENGTH = 60;

export function describeInput(raw: unknown): string {
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
	const shown = text.length > SHOWN_INPUT_LENGTH ? `${text.slice(0, SHOWN_INPUT_LENGTH)}…` : text;
	return JSON.stringify(shown);
}

/**
 * The trimmed id when it is a GUID; otherwise what is wrong, so that nothing else
 * (a path, a query string, an empty value) is ever put into a request URL.
 */
export function checkMachineActionId(raw: unknown): Checked<string> {
	if (typeof raw !== 'string') {
		return {
			ok: false,
			problem: `Machine Action ID must be a text GUID, got ${raw === null ? 'null' : typeof raw} ${describeInput(raw)}`,
		};
	}
	const id = raw.trim();
	if (id === '') return { ok: false, problem: 'Machine Action ID is empty' };
	if (!GUID_PATTERN.test(id)) {
		return {
			ok: false,
			problem: `Machine Action ID must be a GUID such as 988cc94e-7a8f-4b28-ab65-54970c5d5018, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: id };
}
