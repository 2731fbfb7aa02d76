import { COMPARATORS, STRING_FUNCTIONS, compare } from './filterComparison';
import type { FieldKind, Literal } from './filterComparison';
import { ODataFilterError, tokenize } from './filterTokens';
import type { Token } from './filterTokens';

export { ODataFilterError } from './filterTokens';

/**
 * A small OData `$filter` evaluator: eq, ne, gt, ge, lt, le, in, and, or, not, parentheses,
 * startswith/endswith/contains, and any/all lambdas over array fields.
 */
export type FilterableEntity = Record<string, unknown>;
export type FilterPredicate = (entity: FilterableEntity) => boolean;

export interface FilterOptions {
	/** Fields whose string comparisons ignore case, as Defender does for computer names. */
	caseInsensitiveFields?: readonly string[];
	/** Fields holding arrays: only `field/any(...)` and `field/all(...)` apply to them. */
	arrayFields?: readonly string[];
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
