import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { API_ENDPOINTS } from '../transport/apiCatalog';
import { createApiClient } from '../../core/transport/apiClient';
import { helperHost } from '../../core/routing/requestAdapters';
import { DEFENDER_SERVICE } from '../transport/defenderService';

/** What Run Script runs: PowerShell on Windows, shell scripts on macOS and Linux. */
const SCRIPT = /\.(ps1|sh|bash)$/i;

/**
 * The live response library's scripts for the Script Name picker, scripts first, then the other
 * files (Defender runs what the library holds). Defender documents no filter or paging for the
 * library, so one call lists it and the search text is matched here against name and description.
 */
export async function searchLibraryScripts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = createApiClient(await helperHost(this, {}, DEFENDER_SERVICE));
	const answer = await client.call(
		API_ENDPOINTS.listLibraryFiles,
		{ method: 'GET', url: '/api/libraryfiles' },
		{ subject: 'the live response library', verb: 'read' },
	);
	const files = Array.isArray(answer.value) ? (answer.value as IDataObject[]) : [];
	const search = filter?.trim().toLowerCase() ?? '';
	const isScript = (file: IDataObject) => SCRIPT.test(String(file.fileName));
	return {
		results: files
			.filter((file) => typeof file.fileName === 'string')
			.sort(
				(a, b) =>
					Number(isScript(b)) - Number(isScript(a)) ||
					String(a.fileName).localeCompare(String(b.fileName)),
			)
			.map((file) => ({
				name:
					typeof file.description === 'string' && file.description !== ''
						? `${String(file.fileName)} · ${file.description}`
						: String(file.fileName),
				value: String(file.fileName),
			}))
			.filter(({ name }) => name.toLowerCase().includes(search)),
	};
}
