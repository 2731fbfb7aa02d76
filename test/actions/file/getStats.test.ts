import { DEFAULT_APP, SAMPLE_FILES, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
};
afterEach(async () => await simulator.close());

const [, sample] = SAMPLE_FILES;
const getStats = (fileHash: string, lookBackHours?: number | string) => ({
	resource: 'file',
	operation: 'getStats',
	fileHash,
	...(lookBackHours === undefined ? {} : { lookBackHours }),
});

describe('File → Get Statistics', () => {
	it.each([
		['the default look-back (720 hours)', undefined, '720'],
		['48 hours', 48, '48'],
	])('asks with %s and outputs the stats', async (_label, hours, sent) => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getStats(sample.sha1, hours),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(simulator.apiRequests().map((request) => [request.path, request.query])).toEqual([
			[`/api/files/${sample.sha1}/stats`, { lookBackHours: sent }],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			sha1: sample.sha1,
			organizationPrevalence: expect.any(Number),
			orgFirstSeen: expect.any(String),
			globallyPrevalence: sample.globalPrevalence,
			topFileNames: sample.fileNames,
		});
	});

	it('says which file Defender does not know (404)', async () => {
		await start();
		const unknown = 'f'.repeat(40);

		const { error } = await runDefenderNode({
			parameters: getStats(unknown),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`File ${unknown} was not found`);
	});

	it('names File.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getStats(sample.sha1),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to read the statistics of file ${sample.sha1}`,
		);
		expect(error?.description).toContain('File.Read.All');
	});

	it.each([
		[
			'more hours than Defender keeps',
			sample.sha1,
			721,
			'Look-Back Hours must be a whole number from 1 to 720',
		],
		['zero hours', sample.sha1, 0, 'Look-Back Hours must be a whole number from 1 to 720'],
		['a fraction of an hour', sample.sha1, '={{ 1.5 }}', 'got "1.5"'],
		['a hash with a path', `${sample.sha1}/../../../machines`, 48, 'File Hash must be a SHA-1'],
	])('refuses %s before sending anything', async (_label, hash, hours, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getStats(hash, hours),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
