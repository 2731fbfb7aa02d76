import type { INodeParameters } from 'n8n-workflow';

import { SIMPLIFIED_FIELDS } from '../../nodes/MicrosoftDefenderEndpoint/actions/simplify';
import { startDefenderSimulator } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../harness/engine';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
	simulator.seedMachines(2);
	simulator.seedAlerts(2);
	simulator.seed(2);
});
afterEach(async () => await simulator.close());

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Each Get and Get Many, with the entity whose short set of fields Simplify keeps. */
const operations: Array<[string, keyof typeof SIMPLIFIED_FIELDS, () => INodeParameters]> = [
	[
		'Device → Get',
		'machine',
		() => ({
			resource: 'machine',
			operation: 'get',
			machineId: rl([...simulator.machines.values()][0].id),
		}),
	],
	['Device → Get Many', 'machine', () => ({ resource: 'machine', operation: 'getAll' })],
	[
		'Alert → Get',
		'alert',
		() => ({
			resource: 'alert',
			operation: 'get',
			alertId: rl([...simulator.alerts.values()][0].id),
		}),
	],
	['Alert → Get Many', 'alert', () => ({ resource: 'alert', operation: 'getAll' })],
	[
		'Device Action → Get',
		'machineAction',
		() => ({
			resource: 'machineAction',
			operation: 'get',
			machineActionId: rl([...simulator.actions.values()][0].id),
		}),
	],
	[
		'Device Action → Get Many',
		'machineAction',
		() => ({ resource: 'machineAction', operation: 'getAll' }),
	],
];

describe('Simplify', () => {
	it.each(operations)(
		'%s in a new node (version 1.2) outputs only the documented short set of fields',
		async (_label, entity, parameters) => {
			const { items, error } = await runDefenderNode({
				parameters: parameters(),
				credential: simulatorCredential(simulator),
				typeVersion: 1.2,
			});

			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				expect(
					Object.keys(item.json).every((key) =>
						(SIMPLIFIED_FIELDS[entity] as readonly string[]).includes(key),
					),
				).toBe(true);
				expect(item.json).toHaveProperty('id');
			}
			expect(Object.keys(items[0].json).length).toBeLessThanOrEqual(15);
		},
	);

	it.each(
		operations.flatMap(([label, entity, parameters]) =>
			[1, 1.1].map((version) => [label, version, entity, parameters] as const),
		),
	)(
		'%s in version %s keeps the raw entity, as before',
		async (_label, typeVersion, entity, parameters) => {
			const { items, error } = await runDefenderNode({
				parameters: parameters(),
				credential: simulatorCredential(simulator),
				typeVersion,
			});

			expect(error).toBeUndefined();
			expect(
				Object.keys(items[0].json).some(
					(key) => !(SIMPLIFIED_FIELDS[entity] as readonly string[]).includes(key),
				),
			).toBe(true);
		},
	);

	it.each(operations)(
		'%s in version 1.2 with Simplify off outputs the raw entity',
		async (_label, entity, parameters) => {
			const { items, error } = await runDefenderNode({
				parameters: { ...parameters(), simplify: false },
				credential: simulatorCredential(simulator),
				typeVersion: 1.2,
			});

			expect(error).toBeUndefined();
			expect(
				Object.keys(items[0].json).some(
					(key) => !(SIMPLIFIED_FIELDS[entity] as readonly string[]).includes(key),
				),
			).toBe(true);
		},
	);

	it('keeps the evidence an alert was asked with', async () => {
		const { items } = await runDefenderNode({
			parameters: { resource: 'alert', operation: 'getAll', options: { includeEvidence: true } },
			credential: simulatorCredential(simulator),
			typeVersion: 1.2,
		});

		expect(items[0].json).toHaveProperty('evidence');
		expect(items[0].json).not.toHaveProperty('comments');
	});
});

describe('Simplify on Indicator Get Many (version 1.3 on)', () => {
	const getIndicators = { resource: 'indicator', operation: 'getAll' };

	it.each([
		['a new node (1.3)', 1.3, {}, true],
		['1.3 with Simplify off', 1.3, { simplify: false }, false],
		['a 1.2 workflow, where Simplify is hidden', 1.2, {}, false],
		['a 1.2 workflow even with simplify set', 1.2, { simplify: true }, false],
	])('%s', async (_label, typeVersion, extra, simplified) => {
		simulator.seedIndicators();

		const { items, error } = await runDefenderNode({
			parameters: { ...getIndicators, ...extra },
			credential: simulatorCredential(simulator),
			typeVersion,
		});

		expect(error).toBeUndefined();
		expect(items.length).toBe(simulator.indicators.size);
		const keys = Object.keys(items[0].json);
		if (simplified) {
			// What is blocked or allowed first, as the README lists it.
			expect(keys.slice(0, 6)).toEqual([
				'indicatorValue',
				'indicatorType',
				'action',
				'title',
				'severity',
				'expirationTime',
			]);
			expect(keys.every((key) => SIMPLIFIED_FIELDS.indicator.some((kept) => kept === key))).toBe(
				true,
			);
		} else {
			expect(keys).toEqual(expect.arrayContaining(['createdByDisplayName', 'rbacGroupIds']));
		}
	});
});
