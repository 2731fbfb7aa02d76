import { ODataFilterError, parseODataFilter } from '../../simulator/core/odata/odataFilter';
import type { FilterableEntity } from '../../simulator/core/odata/odataFilter';

const machines: FilterableEntity[] = [
	{
		name: 'DESKTOP-001.contoso.local',
		tags: ['VIP', 'Finance'],
		group: 1,
		aad: 'a',
		seen: '2026-11-01T07:00:00Z',
	},
	{
		name: 'desktop-002.contoso.local',
		tags: ['Finance'],
		group: 2,
		aad: null,
		seen: '2026-11-01T05:00:00Z',
	},
	{ name: 'laptop-003.contoso.local', tags: [], group: 10, aad: 'b', seen: '2026-10-01T05:00:00Z' },
];
const fields = ['name', 'tags', 'group', 'aad', 'seen'];
const options = { caseInsensitiveFields: ['name'], arrayFields: ['tags'] };

const matching = (filter: string) => {
	const predicate = parseODataFilter(filter, fields, ['seen'], options);
	return machines.filter(predicate).map((machine) => /\d{3}/.exec(String(machine.name))?.[0]);
};

describe('Simulator $filter: lambdas, string functions, case and null', () => {
	it.each([
		["tags/any(t: t eq 'VIP')", ['001']],
		["tags/any(t:t eq 'Finance')", ['001', '002']],
		["tags/any(x :x eq 'Finance') and group gt 1", ['002']],
		["tags/any(tag: tag eq 'VIP' or tag eq 'Nope')", ['001']],
		["tags/any(t: startswith(t,'fin'))", ['001', '002']],
		["tags/all(t: t eq 'Finance')", ['002', '003']],
		['tags/any()', ['001', '002']],
		['not tags/any()', ['003']],
		["startswith(name,'desktop-')", ['001', '002']],
		["startswith(name,'DESKTOP-00') eq false", ['003']],
		["endswith(name,'003.CONTOSO.local')", ['003']],
		["contains(name,'TOP')", ['001', '002', '003']],
		["name eq 'desktop-001.CONTOSO.local'", ['001']],
		["name in ('LAPTOP-003.contoso.local','nope')", ['003']],
		['group gt 2', ['003']],
		['group eq 2', ['002']],
		['aad eq null', ['002']],
		['aad ne null', ['001', '003']],
		['seen gt 2026-11-01T06:00:00Z', ['001']],
		["seen lt '2026-11-01T00:00:00Z'", ['003']],
	])('%s', (filter, expected) => {
		expect(matching(filter)).toEqual(expected);
	});

	it.each([
		["tags eq 'VIP'", /collection/],
		["other/any(t: t eq 'x')", /not supported/],
		["name/any(t: t eq 'x')", /not a collection/],
		["tags/any(t t eq 'x')", /Expected ':'/],
		["tags/any(t: u eq 'x')", /not supported/],
		["startswith(name,'x') eq maybe", /true or false/],
	])('rejects %s', (filter, message) => {
		expect(() => parseODataFilter(filter, fields, ['seen'], options)).toThrow(ODataFilterError);
		expect(() => parseODataFilter(filter, fields, ['seen'], options)).toThrow(message);
	});

	it('keeps plain string comparison case-sensitive unless the field is listed', () => {
		const predicate = parseODataFilter("status eq 'pending'", ['status'], []);

		expect([predicate({ status: 'Pending' }), predicate({ status: 'pending' })]).toEqual([
			false,
			true,
		]);
	});
});
