import { checkMachineActionId } from '../../../nodes/MicrosoftDefenderEndpoint/actions/machineAction/machineActionId';

const guid = '988cc94e-7a8f-4b28-ab65-54970c5d5018';

describe('checkMachineActionId', () => {
	it.each([
		[guid, guid],
		[`  ${guid}\n`, guid],
		[guid.toUpperCase(), guid.toUpperCase()],
	])('accepts %j as %s', (raw, expected) => {
		expect(checkMachineActionId(raw)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', /is empty/],
		['   ', /is empty/],
		[`${guid}/cancel`, /must be a GUID/],
		[`{${guid}}`, /must be a GUID/],
		[guid.replace(/-/g, ''), /must be a GUID/],
		[`${guid}\u0000`, /must be a GUID/],
		[42, /must be a text GUID, got number/],
		[null, /got null/],
		[undefined, /got undefined/],
		[{ id: guid }, /got object/],
	])('refuses %j', (raw, message) => {
		const checked = checkMachineActionId(raw);
		expect(checked.ok).toBe(false);
		expect(checked.ok ? '' : checked.problem).toMatch(message);
	});

	it('shortens a very long input in its message', () => {
		const long = 'x'.repeat(5000);
		const checked = checkMachineActionId(long);
		expect(checked.ok ? '' : checked.problem).toMatch(/x{60}…"$/);
	});
});
