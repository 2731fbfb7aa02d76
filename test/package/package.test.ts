import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MicrosoftDefenderEndpointOAuth2Api } from '../../credentials/MicrosoftDefenderEndpointOAuth2Api.credentials';
import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	license: string;
	keywords: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	scripts: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
};

/** What `npm pack` would publish, as npm itself lists it. */
function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path);
}

describe('the published package (n8n community-node rules)', () => {
	beforeAll(() => {
		if (!existsSync(join(root, 'dist', 'nodes')))
			throw new Error('Run `npm run build` before these tests: they check what npm would pack.');
	});

	it('packs only dist/, README.md, LICENSE and package.json', () => {
		const files = packedFiles();
		const outside = files.filter(
			(file) =>
				!file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(file),
		);
		expect(outside).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		expect(
			files.some((file) => file.startsWith('dist/simulator') || file.startsWith('dist/test')),
		).toBe(false);
	});

	it('packs every node and credential that package.json declares, with their icons and codex file', () => {
		const files = packedFiles();
		expect(files).toEqual(
			expect.arrayContaining([...manifest.n8n.nodes, ...manifest.n8n.credentials]),
		);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node.json',
				'dist/nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.svg',
				'dist/nodes/MicrosoftDefenderEndpoint/microsoftDefenderEndpoint.dark.svg',
			]),
		);
	});

	it('is MIT licensed, strict, with no runtime dependencies and no install scripts', () => {
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(Object.keys(manifest.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(
			Object.keys(manifest.scripts).filter((name) => /^(pre|post)?install$|^prepare$/.test(name)),
		).toEqual([]);
		expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('declares the node usable as a tool, with light and dark icons that exist', () => {
		const { description } = new MicrosoftDefenderEndpoint();
		expect(description.usableAsTool).toBe(true);
		const icon = description.icon as { light: string; dark: string };
		for (const path of [icon.light, icon.dark]) {
			expect(
				existsSync(
					join(root, 'dist', 'nodes', 'MicrosoftDefenderEndpoint', path.replace(/^file:/, '')),
				),
			).toBe(true);
		}
		const credentialIcon = new MicrosoftDefenderEndpointOAuth2Api().icon as {
			light: string;
			dark: string;
		};
		for (const path of [credentialIcon.light, credentialIcon.dark]) {
			expect(existsSync(join(root, 'dist', 'credentials', path.replace(/^file:/, '')))).toBe(true);
		}
	});

	it('has a codex file with categories and documentation links', () => {
		const codex = JSON.parse(
			readFileSync(
				join(root, 'nodes', 'MicrosoftDefenderEndpoint', 'MicrosoftDefenderEndpoint.node.json'),
				'utf8',
			),
		) as {
			node: string;
			categories: string[];
			resources: {
				primaryDocumentation: Array<{ url: string }>;
				credentialDocumentation: Array<{ url: string }>;
			};
		};
		expect(codex.node).toBe('n8n-nodes-defender-endpoint.microsoftDefenderEndpoint');
		expect(codex.categories.length).toBeGreaterThan(0);
		// The Docs link goes to this package's own node reference (the README on npm).
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#node-reference',
		);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\//);
	});
});
