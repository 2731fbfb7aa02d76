import { DEFAULT_APP, SAMPLE_FILES, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator, SimulatorOptions } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;
const start = async (options: SimulatorOptions = {}) => {
	simulator = await startDefenderSimulator({ rateLimit: false, ...options });
};
afterEach(async () => await simulator.close());

const [sample] = SAMPLE_FILES;
const getFile = (fileHash: string) => ({ resource: 'file', operation: 'get', fileHash });

describe('File → Get', () => {
	it.each([
		['its SHA-1', sample.sha1],
		['its SHA-256 in capitals, with spaces', ` ${sample.sha256.toUpperCase()} `],
	])('gets the file by %s and outputs the File entity', async (_label, hash) => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: getFile(hash),
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual([`GET /api/files/${hash.trim().toLowerCase()}`]);
		const { fileNames: _names, ...entity } = sample;
		expect(items.map((item) => item.json)).toEqual([entity]);
	});

	it('says which file Defender does not know (404)', async () => {
		await start();
		const unknown = 'e'.repeat(64);

		const { error } = await runDefenderNode({
			parameters: getFile(unknown),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe(`File ${unknown} was not found`);
	});

	it('names File.Read.All when the app lacks it (403)', async () => {
		await start({ apps: [{ ...DEFAULT_APP, roles: ['Machine.Read.All'] }] });

		const { error } = await runDefenderNode({
			parameters: getFile(sample.sha1),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(
			`The app registration is not allowed to read file ${sample.sha1}`,
		);
		expect(error?.description).toContain('File.Read.All');
	});

	it.each([
		['an empty hash (from an expression)', "={{ '' }}", 'File Hash is empty'],
		['an MD5', 'd41d8cd98f00b204e9800998ecf8427e', 'an MD5, which Defender does not document'],
		[
			'a path after the hash',
			`${sample.sha1}/../../machines`,
			'File Hash must be a SHA-1 (40 hexadecimal characters) or SHA-256 (64)',
		],
		['a query in the hash', `${sample.sha1}?$expand=x`, 'File Hash must be a SHA-1'],
		['a file name', 'invoice.exe', 'File Hash must be a SHA-1'],
	])('refuses %s before sending anything', async (_label, hash, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters: getFile(hash),
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
