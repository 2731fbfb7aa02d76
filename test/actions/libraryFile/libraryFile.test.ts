import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';
import { requestLines } from '../../harness/simulatorRuns';

let simulator: DefenderSimulator;

const start = async (roles?: string[]) => {
	simulator = await startDefenderSimulator(roles ? { apps: [{ ...DEFAULT_APP, roles }] } : {});
	simulator.addLibraryFile({
		fileName: 'collector.ps1',
		content: 'Write-Output "hi"',
		description: 'IR collector',
		hasParameters: true,
		parametersDescription: '-Full',
	});
	simulator.addLibraryFile({ fileName: 'tools.zip', content: 'PK' });
};
afterEach(async () => await simulator.close());

const SCRIPT = 'Write-Output "triage"\r\nexit 0\r\n';
const fileItem = (fileName = 'triage.ps1', content = SCRIPT, field = 'data'): IDataObject => ({
	$binary: {
		[field]: { data: Buffer.from(content).toString('base64'), fileName, mimeType: 'text/plain' },
	},
});
const upload = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'libraryFile',
	operation: 'upload',
	description: 'Triage script',
	...extra,
});
describe('Live Response Library', () => {
	it('Get Many lists the library files', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'getAll', returnAll: true },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual(['GET /api/libraryfiles']);
		expect(items.map((item) => item.json.fileName)).toEqual(['collector.ps1', 'tools.zip']);
		expect(items[0].json).toMatchObject({
			description: 'IR collector',
			hasParameters: true,
			parametersDescription: '-Full',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(items[1].json).not.toHaveProperty('parametersDescription');
	});

	it("Upload sends the input binary as Defender's multipart form, with its fields", async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: upload({
				hasParameters: true,
				parametersDescription: '-Quick',
				overrideIfExists: false,
			}),
			items: [fileItem()],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		const [request] = simulator.apiRequests();
		expect(`${request.method} ${request.path}`).toBe('POST /api/libraryfiles');
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toContain(
			'Content-Disposition: form-data; name="file"; filename="triage.ps1"',
		);
		expect(request.body).toContain(`\r\n\r\n${SCRIPT}\r\n`);
		expect(request.body).toContain('name="HasParameters"\r\n\r\ntrue\r\n');
		expect(request.body).toContain('name="OverrideIfExists"\r\n\r\nfalse\r\n');
		expect(items[0].json).toMatchObject({
			fileName: 'triage.ps1',
			description: 'Triage script',
			hasParameters: true,
			parametersDescription: '-Quick',
		});
		expect(simulator.libraryFiles.get('triage.ps1')?.content.toString()).toBe(SCRIPT);
	});

	it('Upload names the file as the options say, and replaces it when Override If Exists is on', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: upload({ overrideIfExists: true, options: { fileName: 'collector.ps1' } }),
			items: [fileItem('whatever.txt', 'Write-Output "v2"')],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ fileName: 'collector.ps1', hasParameters: false });
		expect(simulator.libraryFiles.get('collector.ps1')?.content.toString()).toBe(
			'Write-Output "v2"',
		);
	});

	it('Upload reports the name conflict Defender answers without Override If Exists', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: upload(),
			items: [fileItem('collector.ps1')],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('collector.ps1');
		expect(error?.description ?? error?.message).toContain('already exists');
		expect(simulator.libraryFiles.get('collector.ps1')?.content.toString()).toBe(
			'Write-Output "hi"',
		);
	});

	it('Upload finds its file after a lost answer instead of sending it again into a conflict', async () => {
		await start();
		simulator.injectFault({
			method: 'POST',
			path: /\/libraryfiles$/,
			applyThenDrop: true,
			times: 1,
		});

		const { items, error } = await runDefenderNode({
			parameters: upload(),
			items: [fileItem()],
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual(['POST /api/libraryfiles', 'GET /api/libraryfiles']);
		expect(items[0].json).toMatchObject({ fileName: 'triage.ps1' });
	});

	it.each([
		[
			'a missing binary field',
			upload({ binaryPropertyName: 'attachment' }),
			fileItem(),
			'attachment',
		],
		[
			'a file name with a path',
			upload({ options: { fileName: '..\\evil.ps1' } }),
			fileItem(),
			'File Name must be a live response library file name',
		],
		[
			'a binary named with a path',
			upload(),
			fileItem('../../evil.ps1'),
			'File Name must be a live response library file name',
		],
		[
			'a field name with a path',
			upload({ binaryPropertyName: '../x' }),
			fileItem(),
			'Input Binary Field must be a field name',
		],
	])('Upload refuses %s before sending anything', async (_label, parameters, item, problem) => {
		await start();

		const { error } = await runDefenderNode({
			parameters,
			items: [item],
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('Delete removes the file by its name', async () => {
		await start();

		const { items, error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'delete', fileName: 'tools.zip' },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(requestLines(simulator)).toEqual(['DELETE /api/libraryfiles/tools.zip']);
		expect(items[0].json).toEqual({ fileName: 'tools.zip', deleted: true });
		expect(simulator.libraryFiles.has('tools.zip')).toBe(false);
	});

	it('Delete says which file is not in the library (404)', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'delete', fileName: 'gone.ps1' },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toBe('No file named gone.ps1 is in the live response library');
	});

	it('Delete counts a 404 after its lost answer as deleted', async () => {
		await start();
		simulator.injectFault({ method: 'DELETE', applyThenDrop: true, times: 1 });

		const { items, error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'delete', fileName: 'tools.zip' },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ fileName: 'tools.zip', deleted: true });
		expect(requestLines(simulator)).toEqual([
			'DELETE /api/libraryfiles/tools.zip',
			'DELETE /api/libraryfiles/tools.zip',
		]);
	});

	it('Delete refuses a name with a path before sending anything', async () => {
		await start();

		const { error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'delete', fileName: '../machines' },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain('File Name must be a live response library file name');
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it('names Library.Manage when the app lacks it (403)', async () => {
		await start(['Machine.Read.All']);

		const { error } = await runDefenderNode({
			parameters: { resource: 'libraryFile', operation: 'getAll', returnAll: true },
			credential: simulatorCredential(simulator),
		});

		expect(error?.description).toContain('Library.Manage');
	});
});
