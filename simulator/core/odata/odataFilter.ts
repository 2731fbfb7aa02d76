/**
 * A small OData `$filter` evaluator: eq, ne, gt, ge, lt, le, in, and, or, not, parentheses,
 * startswith/endswith/contains, and any/all lambdas over array fields.
 */
export type FilterableEntity = Record<string, unknown>;
export type FilterPredicate = (entity: FilterableEntity) => boolean;

export class ODataFilterError extends Error {}

export interface FilterOptions {
	/** Fields whose string comparisons ignore case, as Defender does for computer names. */
	caseInsensitiveFields?: readonly string[];
	/** Fields holding arrays: only `field/any(...)` and `field/all(...)` apply to them. */
	arrayFields?: readonly string[];
}

type Token =
	| { kind: 'open' | 'close' | 'comma' }
	| { kind: 'string'; value: string }
	| { kind: 'word'; value: string };

interface Literal {
	text: string;
	isNull: boolean;
}

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

const STRING_FUNCTIONS: Record<string, (value: string, part: string) => boolean> = {
	startswith: (value, part) => value.startsWith(part),
	endswith: (value, part) => value.endsWith(part),
	contains: (value, part) => value.includes(part),
};

type FieldKind = 'date' | 'text' | 'caseless';

function compare(left: unknown, op: string, right: Literal, kind: FieldKind): boolean {
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

export function parseODataFilter(
	text: string,
	fields: readonly string[],
	dateFields: readonly string[],
	options: FilterOptions = {},
): FilterPredicate {
	const tokens = tokenize(text);
	const caseless = options.caseInsensitiveFields ?? [];
	const arrays = options.arrayFields ?? [];
	/** Range variables of the lambdas being parsed, innermost last. */
	const variables: string[] = [];
	let pos = 0;
	const peekWord = () => {
		const token = tokens[pos];
		return token?.kind === 'word' ? token.value.toLowerCase() : undefined;
	};
	const expect = (kind: Token['kind']) => {
		const token = tokens[pos++];
		if (token?.kind !== kind)
			throw new ODataFilterError(`Syntax error in $filter near token ${pos}`);
		return token;
	};
	const word = () => (expect('word') as { value: string }).value;
	const literal = (): Literal => {
		const token = tokens[pos++];
		if (token?.kind === 'string') return { text: token.value, isNull: false };
		if (token?.kind === 'word') return { text: token.value, isNull: token.value === 'null' };
		throw new ODataFilterError(`Expected a value in $filter near token ${pos}`);
	};
	const kindOf = (field: string): FieldKind =>
		dateFields.includes(field) ? 'date' : caseless.includes(field) ? 'caseless' : 'text';
	const checkField = (field: string) => {
		if (variables.includes(field)) return;
		if (!fields.includes(field))
			throw new ODataFilterError(`Filtering on '${field}' is not supported`);
		if (arrays.includes(field))
			throw new ODataFilterError(`'${field}' is a collection: use ${field}/any(...)`);
	};

	/** `startswith(field,'x')`, optionally followed by `eq true` or `eq false`; Defender ignores case here. */
	const stringFunction = (name: string): FilterPredicate => {
		expect('open');
		const field = word();
		checkField(field);
		expect('comma');
		const part = literal().text.toLowerCase();
		expect('close');
		let wanted = true;
		if (peekWord() === 'eq' || peekWord() === 'ne') {
			const negate = peekWord() === 'ne';
			pos++;
			const bool = word().toLowerCase();
			if (bool !== 'true' && bool !== 'false')
				throw new ODataFilterError(`Expected true or false after ${name}(...)`);
			wanted = (bool === 'true') !== negate;
		}
		const test = STRING_FUNCTIONS[name];
		return (entity) => test(String(entity[field] ?? '').toLowerCase(), part) === wanted;
	};

	/** `field/any(t: t eq 'x')`, `field/all(...)`, or `field/any()` for a non-empty collection. */
	const lambda = (field: string, operator: string): FilterPredicate => {
		if (!fields.includes(field))
			throw new ODataFilterError(`Filtering on '${field}' is not supported`);
		if (arrays.length > 0 && !arrays.includes(field))
			throw new ODataFilterError(`'${field}' is not a collection`);
		if (operator !== 'any' && operator !== 'all')
			throw new ODataFilterError(`Unsupported lambda operator '${operator}'`);
		const elements = (entity: FilterableEntity): unknown[] => {
			const value = entity[field];
			return Array.isArray(value) ? (value as unknown[]) : [];
		};
		expect('open');
		if (tokens[pos]?.kind === 'close') {
			pos++;
			if (operator === 'all') throw new ODataFilterError('all() needs a lambda expression');
			return (entity) => elements(entity).length > 0;
		}
		// The tokenizer keeps ':' inside words, so `t:`, `t :` and `t:t` all need splitting here.
		let head = word();
		if (!head.includes(':')) {
			const next = word();
			if (!next.startsWith(':'))
				throw new ODataFilterError(`Expected ':' after the lambda variable '${head}'`);
			head += next;
		}
		const colon = head.indexOf(':');
		const variable = head.slice(0, colon);
		const rest = head.slice(colon + 1);
		if (!/^[A-Za-z_]\w*$/.test(variable))
			throw new ODataFilterError(`Invalid lambda variable '${variable}'`);
		if (rest) tokens.splice(pos, 0, { kind: 'word', value: rest });
		variables.push(variable);
		const inner = expression();
		variables.pop();
		expect('close');
		const test = (entity: FilterableEntity) => (element: unknown) =>
			inner({ ...entity, [variable]: element });
		return operator === 'any'
			? (entity) => elements(entity).some(test(entity))
			: (entity) => elements(entity).every(test(entity));
	};

	const factor = (): FilterPredicate => {
		if (tokens[pos]?.kind === 'open') {
			pos++;
			const inner = expression();
			expect('close');
			return inner;
		}
		if (peekWord() === 'not') {
			pos++;
			const inner = factor();
			return (entity) => !inner(entity);
		}
		const name = word();
		if (STRING_FUNCTIONS[name.toLowerCase()] && tokens[pos]?.kind === 'open')
			return stringFunction(name.toLowerCase());
		const slash = name.indexOf('/');
		if (slash > 0) return lambda(name.slice(0, slash), name.slice(slash + 1).toLowerCase());
		const field = name;
		checkField(field);
		const op = peekWord();
		pos++;
		const kind = variables.includes(field) ? 'text' : kindOf(field);
		if (op === 'in') {
			expect('open');
			const values = [literal()];
			while (tokens[pos]?.kind === 'comma') {
				pos++;
				values.push(literal());
			}
			expect('close');
			return (entity) => values.some((value) => compare(entity[field], 'eq', value, kind));
		}
		if (!op || !COMPARATORS[op])
			throw new ODataFilterError(`Unsupported operator '${op ?? ''}' in $filter`);
		const value = literal();
		return (entity) => compare(entity[field], op, value, kind);
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
