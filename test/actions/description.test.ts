import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MicrosoftDefenderEndpointOAuth2Api } from '../../credentials/MicrosoftDefenderEndpointOAuth2Api.credentials';
import codex from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node.json';
import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { SUBTITLE_LENGTH } from '../../nodes/core/operation/operationDescriptions';
import { MicrosoftDefenderEndpointTrigger } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node';
import { startDefenderSimulator } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../harness/engine';
import { requestLines } from '../harness/simulatorRuns';

const node = new MicrosoftDefenderEndpoint().description;
const fields = (name: string) => node.properties.filter((property) => property.name === name);
const allProperties = (properties: INodeProperties[]): INodeProperties[] =>
	properties.flatMap((property) => [
		property,
		...allProperties(
			(property.options ?? []).filter(
				(option): option is INodeProperties => 'displayName' in option,
			),
		),
	]);

/** The subtitle as n8n evaluates it, for one resource and operation. */
const subtitleFor = (resource: string, operation: string): unknown => {
	const body = String(node.subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return new Function('$parameter', `return ${body}`)({ resource, operation }) as unknown;
};

describe('What the editor shows', () => {
	it.each([
		['machine', 'isolate', 'Isolate: Device'],
		['machine', 'collectInvestigationPackage', 'Collect Package: Device'],
		['machine', 'getLoggedOnUsers', 'Get Logged-On Users'],
		['machineAction', 'cancel', 'Cancel: Device Action'],
		['machineAction', 'getInvestigationPackage', 'Download Package'],
		['alert', 'getAll', 'Get Many: Alert'],
	])('subtitles %s → %s on the canvas as "%s"', (resource, operation, subtitle) => {
		expect(subtitleFor(resource, operation)).toBe(subtitle);
	});

	it('keeps every subtitle short enough for the canvas, and no "}}" inside the expression', () => {
		const body = String(node.subtitle).slice(3, -2);
		expect(body).not.toContain('}}');
		for (const operation of fields('operation')) {
			for (const resource of operation.displayOptions?.show?.resource as string[]) {
				for (const option of operation.options as INodePropertyOptions[])
					expect(String(subtitleFor(resource, String(option.value))).length).toBeLessThanOrEqual(
						SUBTITLE_LENGTH,
					);
			}
		}
	});

	it('calls the device "Device" in the resource list, keeping the values', () => {
		expect(fields('resource')[0].options).toEqual([
			{ name: 'Alert', value: 'alert' },
			{ name: 'Device', value: 'machine' },
			{ name: 'Device Action', value: 'machineAction' },
			{ name: 'Domain', value: 'domain' },
			{ name: 'File', value: 'file' },
			{ name: 'Indicator', value: 'indicator' },
			{ name: 'Investigation', value: 'investigation' },
			{ name: 'IP', value: 'ip' },
			{ name: 'Live Response Library', value: 'libraryFile' },
			{ name: 'Security Recommendation', value: 'recommendation' },
			{ name: 'Software', value: 'software' },
			{ name: 'User', value: 'user' },
			{ name: 'Vulnerability', value: 'vulnerability' },
		]);
		expect(JSON.stringify(node.properties)).not.toMatch(
			/"(displayName|name)":"Machine( Action| ID)?"/,
		);
	});

	it.each([
		['InProgress', 'In Progress'],
		['InformationalExpectedActivity', 'Informational, Expected Activity'],
		['UnSpecified', 'Unspecified'],
		['TruePositive', 'True Positive'],
	])('names the option %s "%s"', (value, name) => {
		const options = allProperties(node.properties).flatMap((property) =>
			property.type === 'options' || property.type === 'multiOptions'
				? (property.options as INodePropertyOptions[])
				: [],
		);
		const named = options.filter((option) => option.value === value);
		expect(named.length).toBeGreaterThan(0);
		expect(new Set(named.map((option) => option.name))).toEqual(new Set([name]));
	});

	it('marks every Comment that Defender requires as required', () => {
		const comments = fields('comment');
		expect(comments.length).toBeGreaterThanOrEqual(9);
		expect(comments.every((comment) => comment.required === true)).toBe(true);
		// n8n 2.40 draws no required marker for node fields: the hint says it on screen.
		expect(comments.every((comment) => comment.hint?.startsWith('Required: '))).toBe(true);
	});

	it('offers Classification and Determination without a preselected conclusion', () => {
		const update = fields('updateFields')[0].options as INodeProperties[];
		expect(update.find((field) => field.name === 'classification')?.default).toBe('');
		expect(update.find((field) => field.name === 'determination')?.default).toBe('');
	});

	it('names the locator modes so the mode box shows them whole', () => {
		const device = fields('machineId').find((field) => field.type === 'resourceLocator');
		expect(device?.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By ID', 'Name']);
		expect(fields('alertId')[0].modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	});

	it('is found in the nodes panel by what users type, with its own description and a Docs link to the README', () => {
		for (const alias of [
			'MDE',
			'Defender',
			'EDR',
			'Isolate',
			'Contain',
			'Cancel',
			'Quarantine',
			'Indicator',
		])
			expect(codex.alias).toContain(alias);
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#node-reference',
		);
		expect(node.documentationUrl).toBe(codex.resources.primaryDocumentation[0].url);
		// n8n's nodes panel shows the trigger's description for the merged entry: it names the actions too.
		expect(new MicrosoftDefenderEndpointTrigger().description.description).toMatch(
			/^Isolate, scan and release devices, run live response, cancel their actions, triage alerts/,
		);
	});

	it('shows the credential form with placeholders, hosts and the usual token faults', () => {
		const credential = new MicrosoftDefenderEndpointOAuth2Api().properties;
		expect(credential.find((field) => field.name === 'applicationId')?.placeholder).toBe(
			'00000000-0000-0000-0000-000000000000',
		);
		const clouds = (
			credential.find((field) => field.name === 'environment')?.options as INodePropertyOptions[]
		).map((option) => option.name);
		expect(
			clouds
				.filter((name) => name.startsWith('US Government'))
				.every((name) => /\(api-(gcc|gov)\.securitycenter\.microsoft\.us\)$/.test(name)),
		).toBe(true);
		expect(credential.find((field) => field.type === 'notice')?.displayName).toMatch(
			/AADSTS7000215.*AADSTS700016.*AADSTS90002/,
		);
	});
});

describe('Versions 1.2 and 1.3', () => {
	it('1.3 is the default version; 1.2 starts Device Action on Get as 1.1 does', async () => {
		expect(node.defaultVersion).toBe(1.3);
		const simulator = await startDefenderSimulator();
		try {
			const [action] = simulator.seed(1);
			const { items, error } = await runDefenderNode({
				parameters: { machineActionId: { __rl: true, mode: 'id', value: action.id } },
				credential: simulatorCredential(simulator),
				typeVersion: 1.2,
			});
			expect(error).toBeUndefined();
			expect(requestLines(simulator)).toEqual([`GET /api/machineactions/${action.id}`]);
			expect(items[0].json.status).toBe('Pending');
		} finally {
			await simulator.close();
		}
	});
});
