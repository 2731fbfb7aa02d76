import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { API_ENDPOINTS } from '../helpers/apiEndpoints';
import { resolveApiBaseUrl } from '../helpers/endpoints';
import { buildDefenderError, extractHttpFailure, inputError } from '../helpers/errors';
import { literal } from '../helpers/filters';
import { CREDENTIAL_TYPE } from '../helpers/interfaces';
import { DEFAULT_WINDOW_SECONDS, rateBudgetFor, rateLimits } from '../helpers/rateBudget';

const PAGE_SIZE = 50;

/** Devices for the Machine picker, searched by the start of their computer name, through the machines budget. */
export async function searchMachines(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = resolveApiBaseUrl(credentials);
	if (!baseUrl.ok) throw inputError(this.getNode(), baseUrl.problem, 0);
	const skip = Number(paginationToken ?? 0) || 0;
	const search = filter?.trim();
	const qs: IDataObject = { $top: PAGE_SIZE, $skip: skip };
	if (search) qs.$filter = `startswith(computerDnsName,${literal(search)})`;
	const endpoint = API_ENDPOINTS.machines;
	await rateBudgetFor(`${String(credentials.accessTokenUrl)}|${String(credentials.clientId)}|${endpoint.name}`).acquire(
		rateLimits(endpoint.perMinute, endpoint.perHour, DEFAULT_WINDOW_SECONDS),
	);
	let page: { value?: IDataObject[] };
	try {
		page = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'GET',
			url: `${baseUrl.value}/api/machines`,
			qs,
			json: true,
		})) as { value?: IDataObject[] };
	} catch (error) {
		// Defender answers 404 when no device matches.
		const failure = extractHttpFailure(error);
		if (failure.statusCode === 404) return { results: [] };
		throw buildDefenderError(this.getNode(), failure, { subject: 'devices', verb: 'list', endpoint, itemIndex: 0 });
	}
	const machines = page.value ?? [];
	return {
		results: machines.map((machine) => ({
			name: `${String(machine.computerDnsName)} (${String(machine.osPlatform ?? 'unknown OS')}, ${String(machine.healthStatus ?? 'unknown health')})`,
			value: String(machine.id),
		})),
		paginationToken: machines.length === PAGE_SIZE ? String(skip + PAGE_SIZE) : undefined,
	};
}
