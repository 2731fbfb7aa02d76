import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { API_ENDPOINTS } from '../helpers/apiEndpoints';
import { literal } from '../helpers/filters';
import { listPages } from '../helpers/paging';
import { createDefenderClient, helperHost } from '../helpers/transport';

const PAGE_SIZE = 50;

/** Devices for the Machine picker, searched by the start of their computer name, through the machines budget. */
export async function searchMachines(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = createDefenderClient(await helperHost(this));
	const skip = Number(paginationToken ?? 0) || 0;
	const search = filter?.trim();
	const qs: IDataObject = { $skip: skip };
	if (search) qs.$filter = `startswith(computerDnsName,${literal(search)})`;
	const machines = await listPages(
		client,
		API_ENDPOINTS.machines,
		{ method: 'GET', url: '/api/machines', qs },
		PAGE_SIZE,
		{ subject: 'devices', verb: 'list' },
		{ notFoundIsEmpty: true },
	);
	return {
		results: machines.map((machine) => ({
			name: `${String(machine.computerDnsName)} (${String(machine.osPlatform ?? 'unknown OS')}, ${String(machine.healthStatus ?? 'unknown health')})`,
			value: String(machine.id),
		})),
		paginationToken: machines.length === PAGE_SIZE ? String(skip + PAGE_SIZE) : undefined,
	};
}
