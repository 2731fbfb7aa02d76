/** The right-hand side of a comparison: its text, or null. */
export interface Literal {
	text: string;
	isNull: boolean;
}

export const COMPARATORS: Record<string, (a: number, b: number) => boolean> = {
	eq: (a, b) => a === b,
	ne: (a, b) => a !== b,
	gt: (a, b) => a > b,
	ge: (a, b) => a >= b,
	lt: (a, b) => a < b,
	le: (a, b) => a <= b,
};

export const STRING_FUNCTIONS: Record<string, (value: string, part: string) => boolean> = {
	startswith: (value, part) => value.startsWith(part),
	endswith: (value, part) => value.endsWith(part),
	contains: (value, part) => value.includes(part),
};

export type FieldKind = 'date' | 'text' | 'caseless';

/** One comparison as Defender evaluates it: dates as instants, numbers as numbers, text with or without case. */
export function compare(left: unknown, op: string, right: Literal, kind: FieldKind): boolean {
	const comparator = COMPARATORS[op];
	if (right.isNull) {
		if (op === 'eq') return left === null || left === undefined;
		if (op === 'ne') return left !== null && left !== undefined;
		return false;
	}
	if (kind === 'date') return comparator(Date.parse(String(left)), Date.parse(right.text));
	if (typeof left === 'number' && right.text.trim() !== '' && !Number.isNaN(Number(right.text))) {
		return comparator(left, Number(right.text));
	}
	const a = kind === 'caseless' ? String(left ?? '').toLowerCase() : String(left ?? '');
	const b = kind === 'caseless' ? right.text.toLowerCase() : right.text;
	if (op === 'eq') return a === b;
	if (op === 'ne') return a !== b;
	return comparator(a.localeCompare(b), 0);
}
