import type { IDataObject } from 'n8n-workflow';

import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { literal } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import { isLostResponse } from '../../../core/transport/retry/classify';
import type { SendOutcome } from '../../../core/transport/retry/loop';
import { ItemBatcher, batchClient, groupEntries } from '../../../core/routing/itemBatch';
import type { BatchEntry } from '../../../core/routing/itemBatch';
import type { ResolvedMachine } from './machineLocator';
import { hasTag, tagApplied, tagStateBefore, tagVerb } from './tagChange';
import type { TagAction } from './tagChange';

/** Device ids one AddOrRemoveTagForMultipleMachines call takes. */
export const TAG_BATCH_SIZE = 500;
// Ids per look-up after a lost answer: keeps the $filter URL short.
const CHECK_CHUNK = 20;

export interface TagEntry {
	machine: ResolvedMachine;
	action: TagAction;
	tag: string;
	client: ApiClient;
}

export type TagResult =
	| { ok: true; machine: IDataObject }
	| { ok: false; outcome?: Extract<SendOutcome<IDataObject>, { ok: false }>; problem?: string };

/** The devices' current state, read in small chunks; a device Defender does not list is left out. */
async function readDevices(client: ApiClient, ids: string[]): Promise<IDataObject[]> {
	const devices: IDataObject[] = [];
	for (let at = 0; at < ids.length; at += CHECK_CHUNK) {
		const chunk = ids.slice(at, at + CHECK_CHUNK);
		const filter = chunk.map((id) => `id eq ${literal(id)}`).join(' or ');
		const found = await listPages(
			client,
			API_ENDPOINTS.machines,
			{ method: 'GET', url: '/api/machines', qs: { $filter: filter } },
			chunk.length,
			{
				subject: `${chunk.length} devices`,
				verb: 'read',
			},
			{ notFoundIsEmpty: true },
		);
		devices.push(...found);
	}
	return devices;
}

/** Whether each device had the tag before the change: from its resolution by name, else one read per 20 devices. */
async function tagsBefore(
	client: ApiClient,
	machines: ResolvedMachine[],
	tag: string,
): Promise<Map<string, boolean>> {
	const before = new Map<string, boolean>();
	for (const machine of machines)
		if (machine.machineTags) before.set(machine.id, hasTag(machine, tag));
	const unread = machines.filter((machine) => !before.has(machine.id)).map((machine) => machine.id);
	for (const device of unread.length > 0 ? await readDevices(client, unread) : [])
		before.set(String(device.id).toLowerCase(), hasTag(device, tag));
	return before;
}

const listed = (answer: IDataObject): IDataObject[] | undefined =>
	Array.isArray(answer.value) ? (answer.value as IDataObject[]) : undefined;

/**
 * One tag change for up to 500 devices. After a lost answer the devices are read: those already
 * changed are done, and only the others are sent again (removing an absent tag has no documented answer).
 */
async function changeTagOn(
	client: ApiClient,
	ids: string[],
	action: TagAction,
	tag: string,
): Promise<Map<string, TagResult>> {
	const results = new Map<string, TagResult>();
	for (let round = 0; round < 2; round++) {
		const open = ids.filter((id) => !results.has(id));
		if (open.length === 0) break;
		let fromCheck = false;
		const lookUp = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
			if (!isLostResponse(failure)) return undefined;
			let applied: IDataObject[];
			try {
				applied = (await readDevices(client, open)).filter((machine) =>
					tagApplied(machine, action, tag),
				);
			} catch (error) {
				throw client.inputError(
					`The answer to the request to ${tagVerb(action, tag)} ${open.length} devices was lost, and the node could not read the devices to check it, so it did not send it again`,
					`Look at the devices' tags in Defender before running the items again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
			if (applied.length === 0) return undefined;
			fromCheck = true;
			return { value: applied };
		};
		const outcome = await client.send(
			API_ENDPOINTS.tagMachines,
			{
				method: 'POST',
				url: '/api/machines/AddOrRemoveTagForMultipleMachines',
				headers: { 'Content-Type': 'application/json' },
				body: { Value: tag, Action: action, MachineIds: open },
			},
			undefined,
			lookUp,
		);
		if (!outcome.ok) {
			for (const id of open) results.set(id, { ok: false, outcome });
			break;
		}
		const machines = listed(outcome.value);
		for (const machine of machines ?? []) {
			const id = String(machine.id).toLowerCase();
			if (open.includes(id)) results.set(id, { ok: true, machine });
		}
		// Defender's answer is undocumented [U]: without a device list, a 200 is taken as done for every device.
		if (!machines)
			for (const id of open) results.set(id, { ok: true, machine: { id, machineTags: null } });
		if (!fromCheck) break;
	}
	for (const id of ids) {
		if (!results.has(id)) {
			results.set(id, {
				ok: false,
				problem: `Defender did not list device ${id} in its answer to the request to ${tagVerb(action, tag)} ${ids.length} devices: it may not exist, or not have been seen within the tenant's retention period`,
			});
		}
	}
	return results;
}

/** One call per tag and action among the batch's entries; a device named by several items is sent once. */
async function sendTagBatch(entries: Array<BatchEntry<TagEntry>>): Promise<TagResult[]> {
	const client = batchClient(entries);
	const byEntry = new Map<BatchEntry<TagEntry>, TagResult>();
	for (const group of groupEntries(entries, (input) => `${input.action}\u0000${input.tag}`)) {
		const { action, tag } = group[0].input;
		const machines = new Map(group.map((entry) => [entry.input.machine.id, entry.input.machine]));
		const ids = [...machines.keys()];
		const before = await tagsBefore(client, [...machines.values()], tag);
		const results = await changeTagOn(client, ids, action, tag);
		for (const entry of group) {
			const result = results.get(entry.input.machine.id) as TagResult;
			const state = tagStateBefore(action, before.get(entry.input.machine.id));
			byEntry.set(
				entry,
				result.ok ? { ok: true, machine: { ...result.machine, ...state } } : result,
			);
		}
	}
	return entries.map((entry) => byEntry.get(entry) as TagResult);
}

export const tagBatcher = new ItemBatcher<TagEntry, TagResult>({
	size: TAG_BATCH_SIZE,
	send: sendTagBatch,
});
