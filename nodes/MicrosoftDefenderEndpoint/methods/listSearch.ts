import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { API_ENDPOINTS } from '../transport/apiCatalog';
import { createDefenderClient } from '../transport/client';
import { helperHost } from '../transport/hosts';
import { literal } from '../transport/odata';
import { listPages } from '../transport/paging';

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

const OPEN_STATUSES = "status in ('Pending','InProgress')";
const ACTIONS_PER_GROUP = 100;

function age(createdAt: unknown, now: number): string {
	const minutes = Math.floor((now - Date.parse(String(createdAt))) / 60_000);
	if (!Number.isFinite(minutes)) return 'unknown age';
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

/** "Isolate · desktop-001.contoso.com · Pending · 5 min ago": what an analyst needs to pick the right action. */
export function machineActionLabel(action: IDataObject, now: number): string {
	const device = action.computerDnsName ?? (typeof action.machineId === 'string' ? `device ${action.machineId.slice(0, 8)}…` : 'unknown device');
	return [action.type ?? 'Action', device, action.status ?? 'unknown status', age(action.creationDateTimeUtc, now)].map(String).join(' · ');
}

/**
 * Recent machine actions for the Machine Action picker: the open ones (Pending, InProgress) first, then
 * the latest others, newest first. Defender cannot filter actions by device name, so the search text is
 * matched here against each label, id and requestor.
 */
export async function searchMachineActions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = createDefenderClient(await helperHost(this));
	const list = async ($filter: string) =>
		await listPages(
			client,
			API_ENDPOINTS.listActions,
			{ method: 'GET', url: '/api/machineactions', qs: { $filter, $orderby: 'creationDateTimeUtc desc' } },
			ACTIONS_PER_GROUP,
			{ subject: 'machine actions', verb: 'list' },
			{ notFoundIsEmpty: true },
		);
	const open = await list(OPEN_STATUSES);
	const others = await list("status ne 'Pending' and status ne 'InProgress'");
	const now = Date.now();
	const search = filter?.trim().toLowerCase() ?? '';
	return {
		results: [...open, ...others]
			.map((action) => ({ action, name: machineActionLabel(action, now), value: String(action.id) }))
			.filter(({ action, name, value }) => `${name} ${value} ${String(action.requestor ?? '')}`.toLowerCase().includes(search))
			.map(({ name, value }) => ({ name, value })),
	};
}
