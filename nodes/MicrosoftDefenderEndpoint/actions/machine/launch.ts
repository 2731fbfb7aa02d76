import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../shared/checks';
import type { Checked } from '../../shared/checks';
import { CLOCK_SKEW_MS, hostClock } from '../../shared/clock';
import { optionsField, waitForFinalStatusOptions } from '../../shared/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiEndpoint } from '../../transport/apiCatalog';
import type { DefenderClient } from '../../transport/client';
import { readDefenderError } from '../../transport/failures/httpFailure';
import type { HttpFailure } from '../../transport/failures/httpFailure';
import { literal } from '../../transport/odata';
import { listPages } from '../../transport/paging';
import { isLostResponse } from '../../transport/retry/classify';
import { withFinalStatus } from '../machineAction/finalStatus';
import { readComment, toItems } from '../operation';
import type { DefenderOperation } from '../operation';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';
import type { MachineLocator } from './machineLocator';

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
	const { code, message } = readDefenderError(failure.body);
	return code === 'ActiveRequestAlreadyExists' || /already in progress/i.test(message ?? '');
};

async function findPendingAction(client: DefenderClient, spec: LaunchSpec, machineId: string): Promise<IDataObject | undefined> {
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
	return pending.sort((a, b) => String(b.creationDateTimeUtc).localeCompare(String(a.creationDateTimeUtc)))[0];
}

/**
 * Launches one action. A duplicate (Defender refuses, or hands back an action it already had)
 * succeeds with the pending action and `alreadyPending: true`; a resend after a lost answer
 * finds the action the first request created, so no second one is left behind.
 */
async function launchMachineAction(
	client: DefenderClient,
	spec: LaunchSpec,
	read: { locator: MachineLocator; comment: string; parameter: ParameterReader },
): Promise<IDataObject> {
	const extra = spec.body?.(read.parameter) ?? { ok: true, value: {} };
	if (!extra.ok) throw client.inputError(extra.problem);
	const machine = await resolveMachine(client, read.locator);
	const device = machine.computerDnsName ? `device ${machine.computerDnsName} (${machine.id})` : `device ${machine.id}`;
	const about = { subject: device, verb: spec.verb, details: { machineId: machine.id } };
	const request = {
		method: 'POST' as const,
		url: `/api/machines/${machine.id}/${spec.path}`,
		headers: { 'Content-Type': 'application/json' },
		body: { Comment: read.comment, ...extra.value },
	};
	const firstSentAt = hostClock.now();
	let responseLost = false;
	/** Before a lost launch is sent again: did Defender create it after all? Then that action is the answer. */
	const findOwnLaunch = async (failure: HttpFailure): Promise<IDataObject | undefined> => {
		if (!isLostResponse(failure)) return undefined;
		const since = new Date(firstSentAt - CLOCK_SKEW_MS).toISOString();
		try {
			const created = await listPages(
				client,
				API_ENDPOINTS.listActions,
				{
					method: 'GET',
					url: '/api/machineactions',
					qs: { $filter: `machineId eq ${literal(machine.id)} and type eq ${literal(spec.actionType)} and creationDateTimeUtc ge ${since}` },
				},
				100,
				{ subject: `${spec.actionType} actions on ${device}`, verb: 'read' },
			);
			return created.find((action) => action.requestorComment === read.comment);
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
		if (outcome.ok) {
			const created = Date.parse(String(outcome.value.creationDateTimeUtc));
			const existedBefore =
				(!Number.isNaN(created) && created < firstSentAt - CLOCK_SKEW_MS) ||
				(!responseLost && typeof outcome.value.requestorComment === 'string' && outcome.value.requestorComment !== read.comment);
			return { ...(await withFinalStatus(client, outcome.value)), alreadyPending: existedBefore };
		}
		if (!isDuplicateRefusal(outcome.failure)) throw client.failure(spec.endpoint, outcome, about);
		const pending = await findPendingAction(client, spec, machine.id);
		if (pending) {
			const created = Date.parse(String(pending.creationDateTimeUtc));
			const ours = responseLost && !Number.isNaN(created) && created >= firstSentAt - CLOCK_SKEW_MS;
			return { ...(await withFinalStatus(client, pending)), alreadyPending: !ours };
		}
		// The pending action finished between Defender's refusal and our look-up: launching again is now right.
	}
	throw client.inputError(
		`Defender keeps answering that an ${spec.actionType} action is already in progress on ${device}, but lists none pending`,
		'Wait a minute and run the item again, or look at the device\'s actions in the Defender portal.',
	);
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
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			required: true,
			default: '',
			placeholder: commentPlaceholder,
			description: 'Why the action is taken; Defender requires it and shows it in the Action center',
			// n8n 2.40 marks no node field as required on screen, so the field says it.
			hint: 'Required: Defender refuses the action without a comment',
		},
		optionsField(waitForFinalStatusOptions),
	];
	return updateDisplayOptions({ show: { resource: ['machine'], operation: [operation] } }, properties);
}

/** What a launch operation does: find the device, check the comment and body, launch, maybe wait. */
export const launchOperation =
	(spec: LaunchSpec): DefenderOperation['execute'] =>
	async (ctx, client) => {
		const locator = readMachineLocator(ctx, client);
		const comment = readComment(ctx, client, `the ${spec.actionType} action is launched`);
		const parameter = (name: string) => ctx.getNodeParameter(name, undefined) as unknown;
		return toItems(client, [await launchMachineAction(client, spec, { locator, comment, parameter })]);
	};
