/** Raised for a `$filter` the evaluator cannot read; the API answers it with 400. */
export class ODataFilterError extends Error {}

/** One lexical piece of a `$filter`: a parenthesis, a comma, a quoted string or a bare word. */
export type Token =
	| { kind: 'open' | 'close' | 'comma' }
	| { kind: 'string'; value: string }
	| { kind: 'word'; value: string };

/** Splits a `$filter` into tokens; `''` inside a quoted string is one quote, as OData escapes it. */
export function tokenize(text: string): Token[] {
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
