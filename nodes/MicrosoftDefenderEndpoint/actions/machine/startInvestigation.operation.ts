import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { literal } from '../../../core/transport/odata';
import { listPages } from '../../../core/transport/paging';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import { readComment, requiredCommentField } from './launchComment';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';
import type { ResolvedMachine } from './machineLocator';

export const option: ApiOperation['option'] = {
	name: 'Start Automated Investigation',
	action: 'Start an automated investigation on a device',
	description:
		'Start an automated investigation (AIR) on a Windows device; follow it with Investigation → Get',
	method: 'POST',
};

const properties: INodeProperties[] = [
	machineIdField,
	requiredCommentField({
		placeholder: 'e.g. Investigating incident INC-1234',
		description: 'Why the investigation is started; Defender requires it',
		refused: 'the investigation',
	}),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['startInvestigation'] } },
	properties,
);

/** How far back a lost start's investigation is looked for before Defender's clock is known. */
const UNMEASURED_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/**
 * After a lost answer, before any resend: an investigation Defender started on the device since our
 * first request is the answer (its entity carries no comment to tell whose it is), so one start never
 * becomes two. A failed check sends nothing again.
 */
async function findStarted(
	client: ApiClient,
	machine: ResolvedMachine,
	firstSentAt: number,
	failure: HttpFailure,
): Promise<IDataObject | undefined> {
	if (!isLostResponse(failure)) return undefined;
	const before = client.serviceTime(firstSentAt);
	const since = before.measured ? before.earliest : firstSentAt - UNMEASURED_LOOKBACK_MS;
	try {
		const started = await listPages(
			client,
			API_ENDPOINTS.investigations,
			{
				method: 'GET',
				url: '/api/investigations',
				qs: {
					$filter: `machineId eq ${literal(machine.id)} and startTime ge ${new Date(since).toISOString()}`,
				},
			},
			100,
			{ subject: `investigations on device ${machine.id}`, verb: 'read' },
		);
		// The list's answer taught Defender's clock: only what started after our first request is ours.
		const earliest = client.serviceTime(firstSentAt).earliest;
		return started
			.filter((investigation) => Date.parse(String(investigation.startTime)) >= earliest - 1000)
			.sort((a, b) => String(b.startTime).localeCompare(String(a.startTime)))[0];
	} catch (error) {
		throw client.inputError(
			`The answer to the automated investigation request for device ${machine.id} was lost, and the node could not check whether Defender started it, so it did not send it again`,
			`Look at the device's investigations in Defender before running the item again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const locator = readMachineLocator(ctx, client);
	const comment = readComment(ctx, client, 'the automated investigation is started');
	const machine = await resolveMachine(client, locator);
	const firstSentAt = hostClock.now();
	const outcome = await client.send(
		API_ENDPOINTS.startInvestigation,
		{
			method: 'POST',
			url: `/api/machines/${machine.id}/startInvestigation`,
			headers: { 'Content-Type': 'application/json' },
			body: { Comment: comment },
		},
		undefined,
		async (failure) => await findStarted(client, machine, firstSentAt, failure),
	);
	if (!outcome.ok) {
		throw client.failure(API_ENDPOINTS.startInvestigation, outcome, {
			subject: `device ${machine.computerDnsName ?? machine.id}`,
			verb: 'start an automated investigation on',
		});
	}
	return toItems(client, [outcome.value]);
};
