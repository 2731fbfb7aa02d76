const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_INPUT_LENGTH = 60;

export class InvalidMachineActionIdError extends Error {}

function describeInput(raw: unknown): string {
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
	const shown = text.length > SHOWN_INPUT_LENGTH ? `${text.slice(0, SHOWN_INPUT_LENGTH)}…` : text;
	return JSON.stringify(shown);
}

/**
 * Returns the trimmed id when it is a GUID; throws otherwise, so that nothing else
 * (a path, a query string, an empty value) is ever put into a request URL.
 */
export function assertMachineActionId(raw: unknown): string {
	if (typeof raw !== 'string') {
		throw new InvalidMachineActionIdError(
			`Machine Action ID must be a text GUID, got ${raw === null ? 'null' : typeof raw} ${describeInput(raw)}`,
		);
	}
	const id = raw.trim();
	if (id === '') {
		throw new InvalidMachineActionIdError('Machine Action ID is empty');
	}
	if (!GUID_PATTERN.test(id)) {
		throw new InvalidMachineActionIdError(
			`Machine Action ID must be a GUID such as 988cc94e-7a8f-4b28-ab65-54970c5d5018, got ${describeInput(raw)}`,
		);
	}
	return id;
}
