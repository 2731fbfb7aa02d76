/** The outcome of checking user input: the clean value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const SHOWN_INPUT_LENGTH = 60;

/** A binary field's name, as n8n's expressions can reach it: a letter or _, then up to 63 more. */
export const BINARY_PROPERTY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** A user's value quoted for a message, cut short so a pasted document does not flood it. */
export function describeInput(raw: unknown): string {
	const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
	const shown = text.length > SHOWN_INPUT_LENGTH ? `${text.slice(0, SHOWN_INPUT_LENGTH)}…` : text;
	return JSON.stringify(shown);
}

/** The value when it is one of `allowed`; otherwise a problem naming the field and the choices. */
export function checkOneOf(
	value: unknown,
	allowed: readonly string[],
	label: string,
): Checked<string> {
	if (typeof value === 'string' && allowed.includes(value)) return { ok: true, value };
	return {
		ok: false,
		problem: `${label} must be one of ${allowed.join(', ')}, got ${describeInput(value)}`,
	};
}
