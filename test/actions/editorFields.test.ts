import type { INodeProperties } from 'n8n-workflow';

import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { MicrosoftDefenderXdr } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node';

const endpoint = new MicrosoftDefenderEndpoint().description.properties;
const xdr = new MicrosoftDefenderXdr().description.properties;
const field = (properties: INodeProperties[], name: string, operation?: string) =>
	properties.find(
		(property) =>
			property.name === name &&
			(operation === undefined || property.displayOptions?.show?.operation?.includes(operation)),
	);
const commandFields = () =>
	(field(endpoint, 'commands')?.options?.[0] as { values: INodeProperties[] }).values;

describe('What the editor shows first', () => {
	it('shows a live response command’s Type first, then the fields it picks, in the order they read', () => {
		expect(commandFields().map((value) => value.displayName)).toEqual([
			'Type',
			'File Name',
			'Script Name',
			'Arguments',
			'Path',
		]);
	});

	it.each([['Script Name', 'scriptName', ['list', 'name']]])(
		'offers %s as a picker that still takes a typed name',
		(_label, name, modes) => {
			const scriptName = commandFields().find((value) => value.name === name);
			expect(scriptName?.type).toBe('resourceLocator');
			expect(scriptName?.modes?.map((mode) => mode.name)).toEqual(modes);
		},
	);

	it.each([
		['incidentId', ['list', 'id', 'url']],
		['alertId', ['list', 'id', 'url']],
	])('offers the XDR node’s %s From List, By ID and By URL', (name, modes) => {
		for (const operation of ['get', 'update', 'addComment']) {
			const locator = field(xdr, name, operation);
			expect(locator?.type).toBe('resourceLocator');
			expect(locator?.modes?.map((mode) => mode.name)).toEqual(modes);
		}
	});

	it('gives Hunting’s Timespan example as a hint, not a placeholder that looks filled in', () => {
		const timespan = field(xdr, 'timespan');
		expect(timespan?.placeholder).toBeUndefined();
		expect(timespan?.hint).toMatch(/^Empty: the last 30 days\. For example P7D \(7 days\)/);
	});

	it.each([
		['simplify', 'getAll', 'indicator', 1.3],
		['whenNoneSeen', 'findByIp', 'machine', 1.3],
	])('shows %s on %s (%s) from version %s on', (name, operation, resource, version) => {
		const shown = endpoint.find(
			(property) =>
				property.name === name &&
				property.displayOptions?.show?.operation?.includes(operation) &&
				property.displayOptions?.show?.resource?.includes(resource),
		);
		expect(shown?.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: version } }]);
	});
});
