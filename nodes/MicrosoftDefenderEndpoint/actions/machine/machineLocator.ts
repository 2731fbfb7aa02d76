import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import { DEVICE_ID_EXAMPLE, DEVICE_ID_PATTERN, notADeviceId } from '../../shared/deviceId';
import type { Checked } from '../../../core/operation/checks';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { literal } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import type { EntityKey } from '../../../core/operation/entityShapes';

export const machineIdField: INodeProperties = {
	displayName: 'Device',
	name: 'machineId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The device: picked from the list, by its Defender device ID, or by its computer name (a device ID typed there is taken as one)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			// Defender filters devices by the start of their name only, so the search says so.
			placeholder: 'Select a device (search: start of its computer name)...',
			typeOptions: { searchListMethod: 'searchMachines', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${DEVICE_ID_EXAMPLE}`,
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{40}\\s*$',
						errorMessage:
							'A Defender device ID is 40 hexadecimal characters (0-9, a-f); for a computer name, choose Name',
					},
				},
			],
		},
		{
			// "By Name" is cut to "By Nam" in the editor's mode box.
			displayName: 'Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. desktop-001.contoso.com',
			hint: 'The computer DNS name (or the short name before the first dot); it must match exactly one device. A 40-character device ID here is taken as an ID.',
		},
	],
};

const MAX_NAME_LENGTH = 255;
// DNS labels, dots, and what NetBIOS names allow; nothing that could change an OData expression's shape.
const NAME_PATTERN = /^[\p{L}\p{N}._\-$]+$/u;

export type MachineLocator = { by: 'id'; id: string } | { by: 'name'; name: string };

interface ResourceLocatorValue {
	mode?: unknown;
	value?: unknown;
}

/** Checks the Machine parameter (a resource locator, or a plain string from an expression or a tool). */
export function checkMachineLocator(raw: unknown): Checked<MachineLocator> {
	const locator: ResourceLocatorValue =
		typeof raw === 'object' && raw !== null
			? (raw as ResourceLocatorValue)
			: { mode: undefined, value: raw };
	const value = typeof locator.value === 'number' ? String(locator.value) : locator.value;
	if (typeof value !== 'string' || value.trim() === '') {
		return {
			ok: false,
			problem: 'Device is empty: pick a device, or give its device ID or computer name',
		};
	}
	const text = value.trim();
	const mode =
		locator.mode === 'name'
			? 'name'
			: locator.mode === 'id' || locator.mode === 'list'
				? 'id'
				: undefined;
	// A device ID under Name (the list's value kept when switching modes) is an ID: no name has 40 hex digits.
	if (mode === 'id' || DEVICE_ID_PATTERN.test(text)) {
		if (!DEVICE_ID_PATTERN.test(text)) {
			return {
				ok: false,
				problem: `${notADeviceId('Device ID', value)}. To use a computer name, choose "Name".`,
			};
		}
		return { ok: true, value: { by: 'id', id: text.toLowerCase() } };
	}
	if (text.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(text)) {
		return {
			ok: false,
			problem: `Device name must be a computer DNS name such as desktop-001.contoso.com, got ${describeInput(value)}`,
		};
	}
	return { ok: true, value: { by: 'name', name: text } };
}

export interface ResolvedMachine {
	id: string;
	computerDnsName?: string;
	/** The device's tags as read when it was found by name (a device given by ID is not read). */
	machineTags?: unknown[];
}

const describeMachine = (machine: IDataObject) =>
	`${String(machine.computerDnsName)} (${String(machine.id)}, last seen ${String(machine.lastSeen ?? 'never')})`;

/** The one device a locator names; none or several is an error that says what was found. */
export async function resolveMachine(
	client: ApiClient,
	locator: MachineLocator,
): Promise<ResolvedMachine> {
	if (locator.by === 'id') return { id: locator.id };
	const find = async (filter: string) =>
		await listPages(
			client,
			API_ENDPOINTS.machines,
			{ method: 'GET', url: '/api/machines', qs: { $filter: filter } },
			3,
			{
				subject: `devices named ${locator.name}`,
				verb: 'read',
			},
			{ notFoundIsEmpty: true },
		);
	let found = await find(`computerDnsName eq ${literal(locator.name)}`);
	// A short name ("desktop-001") matches the device whose DNS name it begins, when there is only one.
	if (found.length === 0 && !locator.name.includes('.'))
		found = await find(`startswith(computerDnsName,${literal(`${locator.name}.`)})`);
	if (found.length === 1) {
		const { id, computerDnsName, machineTags } = found[0];
		return {
			id: String(id),
			computerDnsName: String(computerDnsName),
			...(Array.isArray(machineTags) ? { machineTags } : {}),
		};
	}
	if (found.length === 0) {
		throw client.inputError(
			`No device named ${locator.name} was found in Defender`,
			'Check the computer name (Defender stores the DNS name, like desktop-001.contoso.com), or choose the device from the list or by its ID.',
		);
	}
	throw client.inputError(
		`${found.length >= 3 ? 'Several' : 'Two'} devices are named ${locator.name}: ${found.map(describeMachine).join('; ')}`,
		'Choose the device "By ID" so the action reaches the one you mean.',
	);
}

/** The checked Machine parameter of the item, or the input error that names what is wrong. */
export function readMachineLocator(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
): MachineLocator {
	const locator = checkMachineLocator(ctx.getNodeParameter('machineId', undefined));
	if (!locator.ok) throw client.inputError(locator.problem);
	return locator.value;
}

/** The device an item names, as the key of a declared read (`entityRead`): checked, and resolved when named. */
export const deviceKey: EntityKey = {
	fields: [machineIdField],
	read: async (ctx, client) => {
		const machine = await resolveMachine(client, readMachineLocator(ctx, client));
		return { id: machine.id, subject: `device ${machine.computerDnsName ?? machine.id}` };
	},
};
