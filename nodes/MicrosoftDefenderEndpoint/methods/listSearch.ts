import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { DEVICE_ID_PATTERN } from '../shared/deviceId';
import { API_ENDPOINTS } from '../transport/apiCatalog';
import { createApiClient } from '../../core/transport/apiClient';
import { helperHost } from '../../core/routing/requestAdapters';
import { literal } from '../../core/transport/odata';
import { listPages } from '../../core/transport/paging';
import { DEFENDER_SERVICE } from '../transport/defenderService';

const PAGE_SIZE = 50;

/**
 * Devices for the Device picker, searched by the start of their computer name (Defender filters names
 * no other way), or by their device ID when one is pasted, through the machines budget.
 */
export async function searchMachines(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = createApiClient(await helperHost(this, {}, DEFENDER_SERVICE));
	const skip = Number(paginationToken ?? 0) || 0;
	const search = filter?.trim();
	const qs: IDataObject = { $skip: skip };
	if (search && DEVICE_ID_PATTERN.test(search))
		qs.$filter = `id eq ${literal(search.toLowerCase())}`;
	else if (search) qs.$filter = `startswith(computerDnsName,${literal(search)})`;
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
const isOpen = (action: IDataObject) =>
	action.status === 'Pending' || action.status === 'InProgress';
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
	const device =
		action.computerDnsName ??
		(typeof action.machineId === 'string'
			? `device ${action.machineId.slice(0, 8)}…`
			: 'unknown device');
	return [
		action.type ?? 'Action',
		device,
		action.status ?? 'unknown status',
		age(action.creationDateTimeUtc, now),
	]
		.map(String)
		.join(' · ');
}

const byNewest = (a: IDataObject, b: IDataObject) =>
	String(b.creationDateTimeUtc).localeCompare(String(a.creationDateTimeUtc));

/**
 * Recent device actions for the Device Action picker. For Cancel, the open ones (Pending, InProgress)
 * first, marked as cancellable, then the finished ones; for the other operations, newest first.
 * Defender cannot filter actions by device name, so the search text is matched here against each
 * label, id and requestor.
 */
export async function searchMachineActions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const forCancel = this.getNodeParameter('operation', '') === 'cancel';
	const client = createApiClient(await helperHost(this, {}, DEFENDER_SERVICE));
	const list = async ($filter: string) =>
		await listPages(
			client,
			API_ENDPOINTS.listActions,
			{
				method: 'GET',
				url: '/api/machineactions',
				qs: { $filter, $orderby: 'creationDateTimeUtc desc' },
			},
			ACTIONS_PER_GROUP,
			{ subject: 'device actions', verb: 'list' },
			{ notFoundIsEmpty: true },
		);
	const open = await list(OPEN_STATUSES);
	const others = await list("status ne 'Pending' and status ne 'InProgress'");
	const now = Date.now();
	const search = filter?.trim().toLowerCase() ?? '';
	const label = (action: IDataObject) => {
		const text = machineActionLabel(action, now);
		if (!forCancel) return text;
		return isOpen(action) ? `${text} · can be cancelled` : `${text} · finished`;
	};
	const ordered = forCancel
		? [...open.sort(byNewest), ...others.sort(byNewest)]
		: [...open, ...others].sort(byNewest);
	return {
		results: ordered
			.map((action) => ({ action, name: label(action), value: String(action.id) }))
			.filter(({ action, name, value }) =>
				`${name} ${value} ${String(action.requestor ?? '')}`.toLowerCase().includes(search),
			)
			.map(({ name, value }) => ({ name, value })),
	};
}

const RECENT_ALERTS = 100;

/** "Suspicious PowerShell · High · New · desktop-001.contoso.com · 5 min ago": enough to pick the alert. */
export function alertLabel(alert: IDataObject, now: number): string {
	return [
		alert.title ?? 'Untitled alert',
		alert.severity ?? 'unknown severity',
		alert.status ?? 'unknown status',
		alert.computerDnsName ?? 'no device',
		age(alert.alertCreationTime, now),
	]
		.map(String)
		.join(' · ');
}

/** The latest alerts for the Alert picker, newest first; Defender cannot filter by title, so the search is matched here. */
export async function searchAlerts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = createApiClient(await helperHost(this, {}, DEFENDER_SERVICE));
	const alerts = await listPages(
		client,
		API_ENDPOINTS.alerts,
		{
			method: 'GET',
			url: '/api/alerts',
			qs: { $orderby: 'alertCreationTime desc', $top: RECENT_ALERTS },
		},
		RECENT_ALERTS,
		{ subject: 'alerts', verb: 'list' },
	);
	const now = Date.now();
	const search = filter?.trim().toLowerCase() ?? '';
	return {
		results: alerts
			.map((alert) => ({ name: alertLabel(alert, now), value: String(alert.id) }))
			.filter(({ name, value }) => `${name} ${value}`.toLowerCase().includes(search)),
	};
}
