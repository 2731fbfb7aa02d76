import type { DefenderSimulator, SimulatorOptions } from '../../simulator/server';
import { SIMULATOR_START as START, SimulatorFixture } from '../harness/simulatorFixture';

let simulator: DefenderSimulator;
const fixture = new SimulatorFixture();
const start = async (options: SimulatorOptions = {}) => (simulator = await fixture.start(options));

afterEach(async () => await fixture.close());

const HOUR = 3_600_000;
const httpDate = (ms: number) => new Date(ms).toUTCString();
const iso = (ms: number) => new Date(ms).toISOString();
const isolate = async (machineId: string) =>
	await fixture.call('POST', `/api/machines/${machineId}/isolate`, {
		body: { Comment: 'clock test' },
	});

describe('Simulator clock: the Date header and every timestamp come from now() + clockOffsetMs', () => {
	it('answers with a Date header from the simulator clock, not the real one', async () => {
		await start();

		const answer = await fixture.call('GET', '/api/machineactions');

		expect(answer.headers.get('date')).toBe(httpDate(START));
	});

	it('moves the Date header, creation times and alert times together with clockOffsetMs', async () => {
		await start({ clockOffsetMs: 2 * HOUR });
		const [machine] = simulator.seedMachines(1);

		const launched = await isolate(machine.id);
		const [alert] = simulator.seedAlerts(1);

		expect(launched.status).toBe(201);
		expect(launched.headers.get('date')).toBe(httpDate(START + 2 * HOUR));
		expect(launched.body).toMatchObject({
			creationDateTimeUtc: iso(START + 2 * HOUR),
			lastUpdateDateTimeUtc: iso(START + 2 * HOUR),
		});
		expect(alert.alertCreationTime).toBe(iso(START + 2 * HOUR));
	});

	it('takes a new offset at run time, through setClockOffset and the control API', async () => {
		await start();
		const [machine] = simulator.seedMachines(1);

		simulator.setClockOffset(-5 * 60_000);
		const behind = await isolate(machine.id);
		const control = await fetch(`${simulator.url}/_simulator/clock?offsetMs=90000`, {
			method: 'POST',
		});
		const ahead = await fixture.call('GET', '/api/machineactions');

		expect(behind.headers.get('date')).toBe(httpDate(START - 5 * 60_000));
		expect(behind.body.creationDateTimeUtc).toBe(iso(START - 5 * 60_000));
		expect(await control.json()).toEqual({
			now: iso(START + 90_000),
			offsetMs: 90_000,
			sendDateHeader: true,
		});
		expect(simulator.clockOffsetMs).toBe(90_000);
		expect(ahead.headers.get('date')).toBe(httpDate(START + 90_000));
	});

	it('expires tokens on the skewed clock', async () => {
		await start({ tokenLifetimeSeconds: 60 });
		await fixture.tokenFor();

		simulator.setClockOffset(61_000);
		const answer = await fixture.call('GET', '/api/machineactions');

		expect(answer.status).toBe(401);
	});

	it('sends no Date header at all when sendDateHeader is off, from the start or at run time', async () => {
		await start({ sendDateHeader: false });
		const off = await fixture.call('GET', '/api/machineactions');
		simulator.setSendDateHeader(true);
		const on = await fixture.call('GET', '/api/machineactions');
		const control = await fetch(`${simulator.url}/_simulator/clock?dateHeader=off`, {
			method: 'POST',
		});
		const offAgain = await fixture.call('GET', '/api/machineactions');

		expect(off.headers.has('date')).toBe(false);
		expect(on.headers.get('date')).toBe(httpDate(START));
		expect(control.headers.has('date')).toBe(false);
		expect(offAgain.headers.has('date')).toBe(false);
	});

	it('refuses a clock control it cannot apply', async () => {
		await start();

		const badOffset = await fetch(`${simulator.url}/_simulator/clock?offsetMs=soon`, {
			method: 'POST',
		});
		const badSwitch = await fetch(`${simulator.url}/_simulator/clock?dateHeader=maybe`, {
			method: 'POST',
		});

		expect([badOffset.status, badSwitch.status]).toEqual([400, 400]);
		expect(simulator.clockOffsetMs).toBe(0);
	});
});
