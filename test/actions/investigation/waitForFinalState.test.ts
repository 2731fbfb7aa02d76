import type { INodeParameters } from 'n8n-workflow';

import { INVESTIGATION_STATES } from '../../../nodes/MicrosoftDefenderEndpoint/actions/investigation/getAll.operation';
import {
	DEFAULT_APP,
	DEMO_INVESTIGATION_COURSE,
	startDefenderSimulator,
} from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import type { InvestigationStep } from '../../../simulator/stores/investigationCourse';
import { useFakeNodeClock } from '../../engine/fakeClock';
import { requestLines, runOnSimulator } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
afterEach(async () => await simulator.close());

/** A simulator on the node's fake clock, with one investigation started now that follows `course`. */
const startWith = async (course: InvestigationStep[], options: SimulatorOptions = {}) => {
	const clock = useFakeNodeClock();
	simulator = await startDefenderSimulator({ now: clock.now, ...options });
	const [machine] = simulator.seedMachines(1);
	simulator.investigations.course = course;
	const investigation = simulator.investigations.start(machine);
	return { clock, investigation, startedAt: clock.now() };
};
const waitFor = (investigationId: string, parameters: INodeParameters = {}) =>
	runOnSimulator(simulator, {
		resource: 'investigation',
		operation: 'waitForFinalState',
		investigationId,
		pollIntervalSeconds: 60,
		...parameters,
	});

const TO_APPROVAL_THEN_REMEDIATED: InvestigationStep[] = [
	{ afterMs: 60_000, state: 'PendingApproval' },
	{ afterMs: 150_000, state: 'SuccessfullyRemediated' },
];

describe('Investigation → Wait for Final State', () => {
	it('polls the investigation until it leaves its running states, then outputs it', async () => {
		const { clock, investigation, startedAt } = await startWith(TO_APPROVAL_THEN_REMEDIATED);

		const { items, error } = await waitFor(investigation.id);

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual(
			Array(4).fill(`GET /api/investigations/${investigation.id}`),
		);
		expect(clock.waits).toEqual([60_000, 60_000, 60_000]);
		expect(items.map((item) => item.json)).toEqual([
			{
				...investigation,
				state: 'SuccessfullyRemediated',
				endTime: new Date(startedAt + 150_000).toISOString(),
				reachedFinalState: true,
				awaitingApproval: false,
				waitedSeconds: 180,
			},
		]);
	});

	it('with Stop at Pending Approval outputs the investigation as soon as it waits for a person', async () => {
		const { investigation } = await startWith(TO_APPROVAL_THEN_REMEDIATED);

		const { items } = await waitFor(investigation.id, { stopAtPendingApproval: true });

		expect(requestLines(simulator)).toHaveLength(2);
		expect(items[0].json).toMatchObject({
			id: investigation.id,
			state: 'PendingApproval',
			reachedFinalState: false,
			awaitingApproval: true,
			waitedSeconds: 60,
		});
	});

	it('ends on the course npm start gives started investigations: Pending Approval after a minute, remediated after two', async () => {
		const { clock, investigation } = await startWith([...DEMO_INVESTIGATION_COURSE]);

		const { items, error } = await waitFor(investigation.id);

		expect(error).toBeUndefined();
		expect(clock.waits).toEqual([60_000, 60_000]);
		expect(items[0].json).toMatchObject({
			state: 'SuccessfullyRemediated',
			reachedFinalState: true,
			waitedSeconds: 120,
		});
	});

	it('fails the item at the timeout, naming the investigation and its last state', async () => {
		const { clock, investigation } = await startWith([
			{ afterMs: 30_000, state: 'PendingApproval' },
		]);

		const { items, error } = await waitFor(investigation.id, { timeoutSeconds: 100 });

		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			`Investigation ${investigation.id} did not reach a final state within 100 s: its last state was PendingApproval: it waits for someone to approve its pending actions in the Action center`,
		);
		expect(error?.description).toContain('On Timeout');
		expect(clock.waits).toEqual([60_000, 40_000]);
		expect(requestLines(simulator)).toHaveLength(3);
	});

	it('with On Timeout set to Output the Last State outputs it with why the wait ended', async () => {
		const { investigation } = await startWith([]);

		const { items, error } = await waitFor(investigation.id, {
			timeoutSeconds: 120,
			onTimeout: 'output',
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: investigation.id,
			state: 'Running',
			reachedFinalState: false,
			waitedSeconds: 120,
			waitEndedReason:
				'The wait ended after 120 s (the Timeout) and its last state was Running: it is still running',
		});
	});

	it('outputs an investigation that has already ended after one read, without waiting', async () => {
		const { clock } = await startWith([]);
		const [machine] = [...simulator.machines.values()];
		const [ended] = simulator.investigations.seed([machine]);

		const { items } = await waitFor(ended.id);

		expect(requestLines(simulator)).toEqual([`GET /api/investigations/${ended.id}`]);
		expect(clock.waits).toEqual([]);
		expect(items[0].json).toMatchObject({ state: ended.state, reachedFinalState: true });
	});

	it.each(INVESTIGATION_STATES.map((state) => [state]))(
		'reads %s as the node documents it',
		async (state) => {
			const { investigation } = await startWith([{ afterMs: 0, state }]);
			const { items } = await waitFor(investigation.id, { timeoutSeconds: 0, onTimeout: 'output' });

			const ongoing = ['Running', 'Queued', 'PendingApproval', 'PendingResource'].includes(state);
			expect(items[0].json).toMatchObject({ state, reachedFinalState: !ongoing });
		},
	);

	it.each([['abc'], ['63017; DROP'], ['-1']])(
		'refuses the Investigation ID %j with nothing sent',
		async (id) => {
			await startWith([]);
			const { error } = await waitFor(id);

			expect(error?.message).toContain('Investigation ID must be a number such as 63017');
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);

	it('names an investigation that does not exist', async () => {
		await startWith([]);
		const { error } = await waitFor('99999');

		expect(error?.message).toContain('Investigation 99999 was not found');
		expect(requestLines(simulator)).toEqual(['GET /api/investigations/99999']);
	});

	it('a 403 names Alert.Read.All', async () => {
		const roles = DEFAULT_APP.roles.filter((role) => !role.startsWith('Alert.'));
		const { investigation } = await startWith([], { apps: [{ ...DEFAULT_APP, roles }] });
		const { error } = await waitFor(investigation.id);

		expect(error?.message).toContain('The app registration is not allowed to');
		expect(error?.description).toContain('Alert.Read.All');
	});
});
