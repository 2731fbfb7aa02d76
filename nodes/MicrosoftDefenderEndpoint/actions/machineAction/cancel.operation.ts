import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField, waitForFinalStatusOptions } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import { readComment, requiredCommentField } from '../machine/launchComment';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { isFinal, withFinalStatus } from './finalStatus';
import { checkMachineActionId, machineActionIdField, readMachineActionId } from './machineActionId';

export const option: ApiOperation['option'] = {
	name: 'Cancel',
	action: 'Cancel a pending device action',
	description:
		'Cancel a device action that is still Pending or InProgress, by its ID, with a comment saying why',
	method: 'POST',
};

const properties: INodeProperties[] = [
	machineActionIdField,
	requiredCommentField({
		placeholder: 'Cancelled by automation: alert was a false positive',
		description:
			'Why the action is cancelled; Defender stores it on the action as the cancellation comment',
		refused: 'the cancel',
	}),
	optionsField(waitForFinalStatusOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machineAction'], operation: ['cancel'] } },
	properties,
);

/** Why a refused cancel is refused: the action's current status, looked up (Defender does not document the answer). */
async function currentStatusOf(client: ApiClient, id: string): Promise<IDataObject | undefined> {
	const outcome = await client.send(API_ENDPOINTS.getAction, {
		method: 'GET',
		url: `/api/machineactions/${id}`,
	});
	return outcome.ok ? outcome.value : undefined;
}

/** Cancel: safe to resend after a lost answer, since the resend's refusal is recognised as our own cancel. */
export async function cancelMachineAction(
	client: ApiClient,
	read: { machineActionId: unknown; comment: string },
): Promise<IDataObject> {
	const checked = checkMachineActionId(read.machineActionId);
	if (!checked.ok) throw client.inputError(checked.problem);
	const id = checked.value;
	const about = { subject: `device action ${id}`, verb: 'cancel' };
	let responseLost = false;
	const outcome = await client.send(
		API_ENDPOINTS.cancel,
		{ method: 'POST', url: `/api/machineactions/${id}/cancel`, body: { Comment: read.comment } },
		(failure) => {
			if (isLostResponse(failure)) responseLost = true;
		},
	);
	if (outcome.ok) return await withFinalStatus(client, outcome.value);
	const status = outcome.failure.statusCode ?? 0;
	if (status < 400 || status >= 500 || [401, 403, 404, 429].includes(status)) {
		throw client.failure(API_ENDPOINTS.cancel, outcome, about);
	}
	const current = await currentStatusOf(client, id);
	if (
		responseLost &&
		current?.status === 'Cancelled' &&
		current.cancellationComment === read.comment
	) {
		return await withFinalStatus(client, current);
	}
	if (!isFinal(current?.status)) throw client.failure(API_ENDPOINTS.cancel, outcome, about);
	throw client.failure(API_ENDPOINTS.cancel, outcome, {
		...about,
		explanation: {
			message: `Device action ${id} is already ${String(current?.status)} and can no longer be cancelled`,
			description: 'Defender refused the cancel.',
		},
		details: { machineActionId: id, currentStatus: String(current?.status) },
	});
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const machineActionId = readMachineActionId(ctx);
	const comment = readComment(ctx, client, 'the action is cancelled');
	return toItems(client, [await cancelMachineAction(client, { machineActionId, comment })]);
};
