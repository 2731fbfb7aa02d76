import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { checkTag } from '../../shared/lookups';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { batchRunOf } from '../../../core/routing/itemBatch';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';
import type { ResolvedMachine } from './machineLocator';
import { tagBatcher } from './tagBatch';
import { hasTag, tagApplied, tagStateBefore, tagVerb } from './tagChange';
import type { TagAction } from './tagChange';

const tagField: INodeProperties = {
	displayName: 'Tag',
	name: 'tag',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Tier0',
	description: "The tag's text, as Defender shows it on the device",
};

const batchAcrossItemsOption: INodeProperties = {
	displayName: 'Batch Across Items',
	name: 'batchAcrossItems',
	type: 'boolean',
	default: false,
	description:
		"Whether to change the tag on the devices of all input items together, up to 500 devices per call (Defender's multi-device tag API), instead of one call per item. Each item still gets its own device, or its own error.",
};

export const tagDescription = (operation: string): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: ['machine'], operation: [operation] } }, [
		machineIdField,
		tagField,
		optionsField([batchAcrossItemsOption]),
	]);

const describeDevice = (machine: ResolvedMachine) =>
	machine.computerDnsName
		? `device ${machine.computerDnsName} (${machine.id})`
		: `device ${machine.id}`;

/** The checked Tag parameter of the item. */
export function readTag(value: unknown, client: ApiClient): string {
	const tag = checkTag(value, 'Tag');
	if (!tag.ok) throw client.inputError(tag.problem);
	return tag.value;
}

/** With Batch Across Items: the item checks its input and finds its device, then waits for its batch's call. */
async function tagAcrossItems(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
	action: TagAction,
): Promise<INodeExecutionData[]> {
	let about = { subject: 'the device', verb: tagVerb(action, '') };
	const result = await tagBatcher.join(batchRunOf(ctx), {
		itemIndex: client.itemIndex,
		signal: client.signal,
		prepare: async () => {
			const locator = readMachineLocator(ctx, client);
			const tag = readTag(ctx.getNodeParameter('tag', ''), client);
			const machine = await resolveMachine(client, locator);
			about = { subject: describeDevice(machine), verb: tagVerb(action, tag) };
			return { machine, action, tag, client };
		},
	});
	if (result.ok) return toItems(client, [result.machine]);
	if (result.outcome) throw client.failure(API_ENDPOINTS.tagMachines, result.outcome, about);
	throw client.inputError(result.problem ?? `Defender did not ${about.verb} ${about.subject}`);
}

/**
 * Adds or removes one tag on one device. Tags are a set, so the change is safe to repeat in effect,
 * but Defender does not document its answer to removing an absent tag: after a lost answer the node
 * reads the device and resends only if the tag is not yet as wanted.
 */
async function tagOneDevice(
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
	action: TagAction,
): Promise<INodeExecutionData[]> {
	const locator = readMachineLocator(ctx, client);
	const tag = readTag(ctx.getNodeParameter('tag', ''), client);
	const machine = await resolveMachine(client, locator);
	const device = describeDevice(machine);
	const readDevice = async (): Promise<IDataObject> =>
		await client.call(
			API_ENDPOINTS.machines,
			{ method: 'GET', url: `/api/machines/${machine.id}` },
			{ subject: device, verb: 'read' },
		);
	// Defender answers with the device after the change: its tags before come from the read by name, or one Get.
	const hadTag = hasTag(machine.machineTags ? machine : await readDevice(), tag);
	const settledAfterLoss = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
		if (!isLostResponse(failure)) return undefined;
		let current: IDataObject;
		try {
			current = await readDevice();
		} catch (error) {
			throw client.inputError(
				`The answer to the request to ${tagVerb(action, tag)} ${device} was lost, and the node could not read the device to check it, so it did not send it again`,
				`Look at the device's tags in Defender before running the item again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
		return tagApplied(current, action, tag) ? current : undefined;
	};
	const outcome = await client.send(
		API_ENDPOINTS.tagMachine,
		{
			method: 'POST',
			url: `/api/machines/${machine.id}/tags`,
			headers: { 'Content-Type': 'application/json' },
			body: { Value: tag, Action: action },
		},
		undefined,
		settledAfterLoss,
	);
	if (!outcome.ok) {
		throw client.failure(API_ENDPOINTS.tagMachine, outcome, {
			subject: device,
			verb: tagVerb(action, tag),
			details: { machineId: machine.id },
		});
	}
	return toItems(client, [{ ...outcome.value, ...tagStateBefore(action, hadTag) }]);
}

export const tagOperation =
	(action: TagAction): ApiOperation['execute'] =>
	async (ctx, client) =>
		client.options.batchAcrossItems === true
			? await tagAcrossItems(ctx, client, action)
			: await tagOneDevice(ctx, client, action);
