/** A small OData `$filter` evaluator: eq, ne, gt, ge, lt, le, in, and, or, parentheses. */
export type FilterableEntity = Record<string, unknown>;
export type FilterPredicate = (entity: FilterableEntity) => boolean;

export class ODataFilterError extends Error {}

type Token = { kind: 'open' | 'close' | 'comma' } | { kind: 'string'; value: string } | { kind: 'word'; value: string };

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === '(' || ch === ')' || ch === ',') {
			tokens.push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma' });
			i++;
		} else if (ch === "'") {
			let value = '';
			i++;
			for (;;) {
				if (i >= text.length) throw new ODataFilterError('Unterminated string literal in $filter');
				if (text[i] === "'") {
					if (text[i + 1] === "'") {
						value += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i++];
			}
			tokens.push({ kind: 'string', value });
		} else {
			let value = '';
			while (i < text.length && !/[\s(),']/.test(text[i])) value += text[i++];
			tokens.push({ kind: 'word', value });
		}
	}
	return tokens;
}

const COMPARATORS: Record<string, (a: number, b: number) => boolean> = {
	eq: (a, b) => a === b,
	ne: (a, b) => a !== b,
	gt: (a, b) => a > b,
	ge: (a, b) => a >= b,
	lt: (a, b) => a < b,
	le: (a, b) => a <= b,
};

function compare(left: unknown, op: string, right: string, isDate: boolean): boolean {
	const comparator = COMPARATORS[op];
	if (isDate) return comparator(Date.parse(String(left)), Date.parse(right));
	const a = String(left ?? '');
	if (op === 'eq') return a === right;
	if (op === 'ne') return a !== right;
	return comparator(a.localeCompare(right), 0);
}

export function parseODataFilter(text: string, fields: readonly string[], dateFields: readonly string[]): FilterPredicate {
	const tokens = tokenize(text);
	let pos = 0;
	const peekWord = () => {
		const token = tokens[pos];
		return token?.kind === 'word' ? token.value.toLowerCase() : undefined;
	};
	const expect = (kind: Token['kind']) => {
		const token = tokens[pos++];
		if (token?.kind !== kind) throw new ODataFilterError(`Syntax error in $filter near token ${pos}`);
		return token;
	};
	const literal = (): string => {
		const token = tokens[pos++];
		if (token?.kind === 'string' || token?.kind === 'word') return token.value;
		throw new ODataFilterError(`Expected a value in $filter near token ${pos}`);
	};

	const factor = (): FilterPredicate => {
		if (tokens[pos]?.kind === 'open') {
			pos++;
			const inner = expression();
			expect('close');
			return inner;
		}
		const field = (expect('word') as { value: string }).value;
		if (!fields.includes(field)) throw new ODataFilterError(`Filtering on '${field}' is not supported`);
		const op = peekWord();
		pos++;
		const isDate = dateFields.includes(field);
		if (op === 'in') {
			expect('open');
			const values = [literal()];
			while (tokens[pos]?.kind === 'comma') {
				pos++;
				values.push(literal());
			}
			expect('close');
			return (entity) => values.includes(String(entity[field]));
		}
		if (!op || !COMPARATORS[op]) throw new ODataFilterError(`Unsupported operator '${op ?? ''}' in $filter`);
		const value = literal();
		return (entity) => compare(entity[field], op, value, isDate);
	};
	const term = (): FilterPredicate => {
		const parts = [factor()];
		while (peekWord() === 'and') {
			pos++;
			parts.push(factor());
		}
		return (entity) => parts.every((part) => part(entity));
	};
	const expression = (): FilterPredicate => {
		const parts = [term()];
		while (peekWord() === 'or') {
			pos++;
			parts.push(term());
		}
		return (entity) => parts.some((part) => part(entity));
	};
	const predicate = expression();
	if (pos !== tokens.length) throw new ODataFilterError(`Unexpected text at the end of $filter`);
	return predicate;
}
