import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { hostClock } from '../../../core/transport/hostClock';
import { optionsField, waitForFinalStatusOptions } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiEndpoint } from '../../../core/transport/apiEndpoint';
import type { ApiClient } from '../../../core/transport/apiClient';
import { readErrorBody } from '../../../core/transport/failures/httpFailure';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { literal } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { withFinalStatus } from '../machineAction/finalStatus';
import { toItems } from '../../../core/operation/apiOperation';
import { readComment, requiredCommentField } from './launchComment';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { isOtherRequestor } from '../../../core/operation/requestor';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';
import type { MachineLocator, ResolvedMachine } from './machineLocator';

type ParameterReader = (name: string) => unknown;

/** One device action Defender can launch: `POST /api/machines/{id}/{path}`. */
export interface LaunchSpec {
	endpoint: ApiEndpoint;
	path: string;
	/** The Device Action `type` Defender gives the action it creates. */
	actionType: string;
	/** What the action does, for messages: "isolate device X". */
	verb: string;
	/** Body fields besides Comment, read from the node's parameters and checked before sending. */
	body?: (read: ParameterReader) => Checked<IDataObject>;
}

/** A body field read from an options parameter, refused unless Defender accepts its value. */
export const oneOf =
	(parameter: string, bodyKey: string, allowed: readonly string[], label: string) =>
	(read: ParameterReader): Checked<IDataObject> => {
		const checked = checkOneOf(read(parameter), allowed, label);
		return checked.ok ? { ok: true, value: { [bodyKey]: checked.value } } : checked;
	};

/** Defender's answer to a launch while one of the same kind is pending on the device. */
const isDuplicateRefusal = (failure: HttpFailure): boolean => {
	if (failure.statusCode !== 400) return false;
	const { code, message } = readErrorBody(failure.body);
	return code === 'ActiveRequestAlreadyExists' || /already in progress/i.test(message ?? '');
};

/**
 * Whether an action is someone else's, judged without a clock: another comment, or a requestor that
 * is a user or another app. An app's display name as requestor says nothing either way.
 */
export function launchedByOther(action: IDataObject, comment: string, appId: string): boolean {
	if (typeof action.requestorComment === 'string' && action.requestorComment !== comment)
		return true;
	return isOtherRequestor(typeof action.requestor === 'string' ? action.requestor : '', appId);
}

/** How long before our request a lost launch's action is looked for while Defender's clock is unknown: a host clock hours off still finds it. */
const UNMEASURED_LOOKBACK_MS = 24 * 60 * 60 * 1000;

async function findPendingAction(
	client: ApiClient,
	spec: LaunchSpec,
	machineId: string,
): Promise<IDataObject | undefined> {
	const pending = await listPages(
		client,
		API_ENDPOINTS.listActions,
		{
			method: 'GET',
			url: '/api/machineactions',
			qs: {
				$filter: `machineId eq ${literal(machineId)} and type eq ${literal(spec.actionType)} and status in ('Pending','InProgress')`,
			},
		},
		100,
		{ subject: `pending ${spec.actionType} actions on device ${machineId}`, verb: 'read' },
	);
	return pending.sort((a, b) =>
		String(b.creationDateTimeUtc).localeCompare(String(a.creationDateTimeUtc)),
	)[0];
}

/** What a launch request needs once its inputs are checked: the device, the comment and the rest of the body. */
export interface LaunchRequest {
	machine: ResolvedMachine;
	comment: string;
	body: IDataObject;
}

/** The action a launch produced, and whether it was already there (someone else's, or older than our request). */
export interface LaunchOutcome {
	action: IDataObject;
	alreadyPending: boolean;
}

/**
 * Sends one launch. A duplicate (Defender refuses, or hands back an action it already had)
 * succeeds with the pending action and `alreadyPending: true`; a resend after a lost answer
 * finds the action the first request created, so no second one is left behind.
 */
export async function sendLaunch(
	client: ApiClient,
	spec: LaunchSpec,
	launch: LaunchRequest,
): Promise<LaunchOutcome> {
	const { machine, comment } = launch;
	const device = machine.computerDnsName
		? `device ${machine.computerDnsName} (${machine.id})`
		: `device ${machine.id}`;
	const about = { subject: device, verb: spec.verb, details: { machineId: machine.id } };
	const request = {
		method: 'POST' as const,
		url: `/api/machines/${machine.id}/${spec.path}`,
		headers: { 'Content-Type': 'application/json' },
		body: { Comment: comment, ...launch.body },
	};
	const firstSentAt = hostClock.now();
	let responseLost = false;
	/** Whether Defender created `action` before our first request reached it, on Defender's clock; read after an answer taught it. */
	const createdBeforeUs = (action: IDataObject): boolean => {
		const created = Date.parse(String(action.creationDateTimeUtc));
		return !Number.isNaN(created) && created < client.serviceTime(firstSentAt).earliest;
	};
	const isOurs = (action: IDataObject) =>
		!launchedByOther(action, comment, client.appId) && !createdBeforeUs(action);
	/** Before a lost launch is sent again: did Defender create it after all? Then that action is the answer. */
	const findOwnLaunch = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
		if (!isLostResponse(failure)) return undefined;
		// The list's own answer tells Defender's clock; until one has, look back far enough for any host clock.
		const before = client.serviceTime(firstSentAt);
		const since = new Date(
			before.measured ? before.earliest : firstSentAt - UNMEASURED_LOOKBACK_MS,
		).toISOString();
		try {
			const created = await listPages(
				client,
				API_ENDPOINTS.listActions,
				{
					method: 'GET',
					url: '/api/machineactions',
					qs: {
						$filter: `machineId eq ${literal(machine.id)} and type eq ${literal(spec.actionType)} and creationDateTimeUtc ge ${since}`,
						$orderby: 'creationDateTimeUtc desc',
					},
				},
				100,
				{ subject: `${spec.actionType} actions on ${device}`, verb: 'read' },
			);
			return created.find(isOurs);
		} catch (error) {
			throw client.inputError(
				`The answer to the ${spec.actionType} request for ${device} was lost, and the node could not check whether Defender created the action, so it did not send it again`,
				`Look at the device's actions in Defender before running the item again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	};
	for (let attempt = 0; attempt < 2; attempt++) {
		const outcome = await client.send(
			spec.endpoint,
			request,
			(failure) => {
				if (isLostResponse(failure)) responseLost = true;
			},
			findOwnLaunch,
		);
		// Defender creates the action or hands back the one it had: ours unless someone else's or made before we asked.
		if (outcome.ok) return { action: outcome.value, alreadyPending: !isOurs(outcome.value) };
		if (!isDuplicateRefusal(outcome.failure)) throw client.failure(spec.endpoint, outcome, about);
		const pending = await findPendingAction(client, spec, machine.id);
		// A refusal names an older action, unless our lost first request made the one that refused the resend.
		if (pending) return { action: pending, alreadyPending: !(responseLost && isOurs(pending)) };
		// The pending action finished between Defender's refusal and our look-up: launching again is now right.
	}
	throw client.inputError(
		`Defender keeps answering that an ${spec.actionType} action is already in progress on ${device}, but lists none pending`,
		"Wait a minute and run the item again, or look at the device's actions in the Defender portal.",
	);
}

/** Checks the operation's body fields, finds the device, launches, and waits when asked. */
async function launchMachineAction(
	client: ApiClient,
	spec: LaunchSpec,
	read: { locator: MachineLocator; comment: string; parameter: ParameterReader },
): Promise<IDataObject> {
	const extra = spec.body?.(read.parameter) ?? { ok: true, value: {} };
	if (!extra.ok) throw client.inputError(extra.problem);
	const machine = await resolveMachine(client, read.locator);
	const { action, alreadyPending } = await sendLaunch(client, spec, {
		machine,
		comment: read.comment,
		body: extra.value,
	});
	return { ...(await withFinalStatus(client, action)), alreadyPending };
}

/** The fields of a launch: the device, the required comment, the operation's own fields, the options. */
export function launchDescription(
	operation: string,
	commentPlaceholder: string,
	ownFields: INodeProperties[] = [],
): INodeProperties[] {
	const properties: INodeProperties[] = [
		machineIdField,
		...ownFields,
		requiredCommentField({
			placeholder: commentPlaceholder,
			description:
				'Why the action is taken; Defender requires it and shows it in the Action center',
			refused: 'the action',
		}),
		optionsField(waitForFinalStatusOptions),
	];
	return updateDisplayOptions(
		{ show: { resource: ['machine'], operation: [operation] } },
		properties,
	);
}

/** What a launch operation does: find the device, check the comment and body, launch, maybe wait. */
export const launchOperation =
	(spec: LaunchSpec): ApiOperation['execute'] =>
	async (ctx, client) => {
		const locator = readMachineLocator(ctx, client);
		const comment = readComment(ctx, client, `the ${spec.actionType} action is launched`);
		const parameter = (name: string) => ctx.getNodeParameter(name, undefined) as unknown;
		return toItems(client, [
			await launchMachineAction(client, spec, { locator, comment, parameter }),
		]);
	};
