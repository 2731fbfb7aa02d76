import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { withoutODataContext } from '../../../core/transport/odata';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { isFinalState, ongoingReason } from './finalState';
import { investigationKey } from './investigationId';

export const option: ApiOperation['option'] = {
	name: 'Wait for Final State',
	action: 'Wait for an automated investigation to end',
	description:
		'Poll an automated investigation until it leaves Running, Queued, Pending Approval and Pending Resource, then output it',
	method: 'GET',
};

export const DEFAULT_INVESTIGATION_TIMEOUT_SECONDS = 1800;
export const DEFAULT_INVESTIGATION_POLL_SECONDS = 60;

const properties: INodeProperties[] = [
	...investigationKey.fields,
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_INVESTIGATION_TIMEOUT_SECONDS,
		description:
			'How long to keep polling. Investigations often take minutes, and hours when they wait for approval.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: DEFAULT_INVESTIGATION_POLL_SECONDS,
		description:
			"Time between reads of the investigation; each counts on the investigations API's 100 calls a minute",
	},
	{
		displayName: 'Stop at Pending Approval',
		name: 'stopAtPendingApproval',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the investigation as soon as it waits for approval, so the workflow can ask someone to approve its actions in the Action center',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		options: [
			{
				name: 'Fail the Item',
				value: 'error',
				description: 'An error naming the investigation and its last state',
			},
			{
				name: 'Output the Last State',
				value: 'output',
				description: 'The investigation as last read, with reachedFinalState false and why',
			},
		],
		default: 'error',
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['investigation'], operation: ['waitForFinalState'] } },
	properties,
);

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const entity = await investigationKey.read(ctx, client);
	const timeoutMs = Math.max(0, Number(ctx.getNodeParameter('timeoutSeconds', 0)) * 1000);
	const intervalMs = Math.max(100, Number(ctx.getNodeParameter('pollIntervalSeconds', 1)) * 1000);
	const stopAtApproval = ctx.getNodeParameter('stopAtPendingApproval', false) as boolean;
	const onTimeout = ctx.getNodeParameter('onTimeout', 'error') as string;
	const read = async () =>
		withoutODataContext(
			await client.call(
				API_ENDPOINTS.investigations,
				{ method: 'GET', url: `/api/investigations/${entity.id}` },
				{ subject: entity.subject, verb: 'read' },
			),
		);
	const done = (investigation: IDataObject) =>
		isFinalState(investigation.state) ||
		(stopAtApproval && investigation.state === 'PendingApproval');

	const startedAt = hostClock.now();
	let latest = await read();
	while (!done(latest)) {
		const waited = hostClock.now() - startedAt;
		if (waited >= timeoutMs) break;
		await hostClock.sleep(Math.min(intervalMs, timeoutMs - waited), client.signal);
		latest = await read();
	}
	const waitedMs = hostClock.now() - startedAt;
	const state = String(latest.state ?? 'unknown');
	const reachedFinalState = isFinalState(latest.state);
	const outcome: IDataObject = {
		...latest,
		reachedFinalState,
		awaitingApproval: state === 'PendingApproval',
		waitedSeconds: seconds(waitedMs),
	};
	if (done(latest)) return [{ json: outcome, pairedItem: client.paired }];
	const why = `its last state was ${state}: ${ongoingReason(state)}`;
	if (onTimeout === 'output') {
		const waitEndedReason = `The wait ended after ${seconds(waitedMs)} s (the Timeout) and ${why}`;
		return [{ json: { ...outcome, waitEndedReason }, pairedItem: client.paired }];
	}
	const subject = entity.subject.charAt(0).toUpperCase() + entity.subject.slice(1);
	throw client.inputError(
		`${subject} did not reach a final state within ${seconds(waitedMs)} s: ${why}`,
		'Raise Timeout (Seconds), or set On Timeout to Output the Last State and follow it up with Investigation → Get later',
	);
};
