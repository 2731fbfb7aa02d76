import { HttpProblem } from '../httpProblem';
import { ODataFilterError, parseODataFilter } from './odataFilter';
import type { FilterOptions } from './odataFilter';

const MAX_TOP = 10_000;

/** How list answers are cut into pages. */
export interface Paging {
	/** Largest page served before @odata.nextLink (default: $top, at most 10 000). */
	pageSize?: number;
	/** Origin written into @odata.nextLink. */
	origin: string;
	/**
	 * false: a page cut by the caller's $top carries no @odata.nextLink, so the list is read on by
	 * $skip (indicators: Defender documents none); a page cut shorter by `pageSize` still links on.
	 */
	nextLink?: boolean;
}

/** The entities `$filter` keeps; a filter the evaluator refuses is a 400 ODataError. */
export function filtered<T extends object>(
	entities: T[],
	url: URL,
	fields: readonly string[],
	dateFields: readonly string[],
	options: FilterOptions = {},
): T[] {
	const filter = url.searchParams.get('$filter');
	if (!filter) return entities;
	try {
		const predicate = parseODataFilter(filter, fields, dateFields, options);
		return entities.filter((entity) => predicate(entity as Record<string, unknown>));
	} catch (error) {
		if (error instanceof ODataFilterError) throw new HttpProblem(400, 'ODataError', error.message);
		throw error;
	}
}

/** One page of a list, with @odata.nextLink pointing back at the same path when more remain. */
export function page(
	all: unknown[],
	url: URL,
	context: string,
	paging: Paging,
): Record<string, unknown> {
	const query = url.searchParams;
	const top = query.has('$top') ? Number(query.get('$top')) : MAX_TOP;
	const skip = query.has('$skip') ? Number(query.get('$skip')) : 0;
	if (!Number.isInteger(top) || top < 0 || top > MAX_TOP) {
		throw new HttpProblem(
			400,
			'ODataError',
			`The limit of '${MAX_TOP}' for Top query has been exceeded or is invalid`,
		);
	}
	if (!Number.isInteger(skip) || skip < 0)
		throw new HttpProblem(400, 'ODataError', 'Invalid $skip');
	const pageSize = Math.min(top, paging.pageSize ?? MAX_TOP);
	const value = all.slice(skip, skip + pageSize);
	const answer: Record<string, unknown> = { '@odata.context': context, value };
	const cutByServer = pageSize < top;
	if (
		(paging.nextLink !== false || cutByServer) &&
		skip + value.length < all.length &&
		value.length > 0
	) {
		const next = new URLSearchParams(query);
		next.set('$skip', String(skip + value.length));
		next.set('$top', String(top));
		answer['@odata.nextLink'] = `${paging.origin}${url.pathname}?${next.toString()}`;
	}
	return answer;
}

/** `$orderby` over time fields (asc or desc, comma separated) as a comparator; ties compare 0. */
export function orderByComparator<T extends object>(
	orderby: string | null,
	fields: readonly string[],
): (a: T, b: T) => number {
	const keys =
		(orderby ?? '').trim() === ''
			? []
			: (orderby ?? '').split(',').map((part) => {
					const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(part);
					if (!match || !fields.includes(match[1])) {
						throw new HttpProblem(
							400,
							'ODataError',
							`Ordering by '${part.trim()}' is not supported; use ${fields.join(' or ')} with asc or desc`,
						);
					}
					return { field: match[1], sign: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
				});
	const time = (entry: T, field: string) =>
		Date.parse(String((entry as Record<string, unknown>)[field]));
	return (a, b) => {
		for (const { field, sign } of keys) {
			const difference = time(a, field) - time(b, field);
			if (difference !== 0) return sign * difference;
		}
		return 0;
	};
}

/** The entries in `$orderby` order, stable; unchanged without one. */
export function orderByTimes<T extends object>(
	entries: T[],
	orderby: string | null,
	fields: readonly string[],
): T[] {
	if (orderby === null || orderby.trim() === '') return entries;
	return [...entries].sort(orderByComparator(orderby, fields));
}
