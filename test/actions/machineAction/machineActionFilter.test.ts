import { buildMachineActionFilter } from '../../../nodes/MicrosoftDefenderEndpoint/actions/machineAction/getAll.operation';
import { parseODataFilter } from '../../../simulator/core/odata/odataFilter';

describe('buildMachineActionFilter', () => {
	it('is empty when no filter is set', () => {
		expect(buildMachineActionFilter({ status: [], machineId: ' ' })).toEqual({
			ok: true,
			value: '',
		});
	});

	it('joins clauses with and, alternatives with or, and normalises dates to ISO UTC', () => {
		expect(
			buildMachineActionFilter({
				status: ['Pending'],
				type: ['Isolate', 'RunAntiVirusScan'],
				createdBefore: '2026-11-27T10:00:00+01:00',
			}),
		).toEqual({
			ok: true,
			value:
				"status eq 'Pending' and (type eq 'Isolate' or type eq 'RunAntiVirusScan') and creationDateTimeUtc lt 2026-11-27T09:00:00.000Z",
		});
	});

	it('keeps a hostile value inside its string literal', () => {
		const filter = buildMachineActionFilter({ requestor: "x' or status ne 'y" });
		const predicate = parseODataFilter(filter.ok ? filter.value : '', ['requestor', 'status'], []);
		expect(predicate({ requestor: 'someone', status: 'Pending' })).toBe(false);
		expect(predicate({ requestor: "x' or status ne 'y", status: 'Pending' })).toBe(true);
	});

	it('names the filter whose date cannot be read', () => {
		expect(buildMachineActionFilter({ createdAfter: 'yesterday-ish' })).toEqual({
			ok: false,
			problem: 'Filter "Created After" is not a date: "yesterday-ish"',
		});
	});
});
