import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { hostClock } from '../../../core/transport/hostClock';
import { optionsField, waitForFinalStatusOptions } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import { withoutODataContext } from '../../../core/transport/odata';
import {
	finalStatusTimeoutMs,
	isFinal,
	waitForAction,
	withFinalStatus,
} from '../machineAction/finalStatus';
import { LIVE_RESPONSE_WAIT } from '../machineAction/waitReason';
import {
	commandResult,
	commandsOf,
	readResultHandling,
	resultHandlingOptions,
} from './liveResponseResult';
import type { ResultHandling } from './liveResponseResult';
import { readComment, requiredCommentField } from '../machine/launchComment';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import {
	describeSession,
	readWhenSessionRunning,
	whenSessionRunningFields,
} from '../machine/busyDevice';
import type { CommandsFrom } from '../machine/busyDevice';
import { sendLaunch } from '../machine/launch';
import type { LaunchSpec } from '../machine/launch';
import { checkCommands } from './commands';
import { commandsField } from './commandFields';
import { machineIdField, readMachineLocator, resolveMachine } from '../machine/machineLocator';
import type { ResolvedMachine } from '../machine/machineLocator';

/** Run Live Response waits by default, long enough for Defender's 30-minute Get File plus the device picking it up. */
export const DEFAULT_LIVE_RESPONSE_TIMEOUT_SECONDS = 2100;

export const option: ApiOperation['option'] = {
	name: 'Run Live Response',
	action: 'Run live response commands on a device',
	description:
		'Put a library file on a device, run a library script, collect files, and get the results',
	method: 'POST',
};

const LIVE_RESPONSE: LaunchSpec = {
	endpoint: API_ENDPOINTS.runLiveResponse,
	path: 'runliveresponse',
	actionType: 'LiveResponse',
	verb: 'run live response on',
};

const WAIT_DEFAULTS = {
	waitForFinalStatus: true,
	finalStatusTimeoutSeconds: DEFAULT_LIVE_RESPONSE_TIMEOUT_SECONDS,
};

// Waiting is on by default here, so its settings show without it being added first.
const liveResponseWaitOptions: INodeProperties[] = waitForFinalStatusOptions.map((option) => {
	const field = Object.fromEntries(
		Object.entries(option).filter(([key]) => key !== 'displayOptions'),
	) as INodeProperties;
	if (field.name === 'waitForFinalStatus') {
		return {
			...field,
			default: true,
			description:
				"Whether to poll the action until it is final and then read the commands' results. Off, the output is the Pending action; get the results later with Machine Action → Get Live Response Result.",
		};
	}
	if (field.name === 'finalStatusTimeoutSeconds') {
		return {
			...field,
			default: DEFAULT_LIVE_RESPONSE_TIMEOUT_SECONDS,
			description:
				'How long to keep polling. Defender gives Get File 30 minutes and Run Script 10; a device offline keeps the action Pending for hours.',
		};
	}
	return field;
});

const properties: INodeProperties[] = [
	machineIdField,
	requiredCommentField({
		placeholder: 'e.g. Case 42: collect triage data',
		description: 'Why the commands are run; Defender requires it and shows it in the Action center',
		refused: 'live response',
	}),
	commandsField,
	...whenSessionRunningFields,
	optionsField([...liveResponseWaitOptions, ...resultHandlingOptions('file_')]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['runLiveResponse'] } },
	properties,
);

/** Each command's status and result; a result that cannot be read is reported on its command, since the action exists. */
async function resultsOf(
	ctx: IExecuteSingleFunctions,
	client: ApiClient,
	action: IDataObject,
	handling: ResultHandling,
) {
	const commandResults: IDataObject[] = [];
	const binary: IBinaryKeyData = {};
	const entries = [...commandsOf(action)].sort((a, b) => Number(a.index) - Number(b.index));
	for (const entry of entries) {
		try {
			const result = await commandResult(ctx, client, action, entry, handling);
			commandResults.push(result.json);
			if (result.binary) binary[result.binary.property] = result.binary.data;
		} catch (error) {
			commandResults.push({
				index: entry.index,
				commandStatus: entry.commandStatus,
				resultError: error instanceof Error ? error.message : String(error),
			});
		}
	}
	return { commandResults, binary };
}

/** The device as messages name it. */
const deviceOf = (machine: ResolvedMachine) =>
	machine.computerDnsName
		? `device ${machine.computerDnsName} (${machine.id})`
		: `device ${machine.id}`;

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const locator = readMachineLocator(ctx, client);
	const comment = readComment(ctx, client, 'the live response commands are run');
	const commands = checkCommands(ctx.getNodeParameter('commands', {}));
	if (!commands.ok) throw client.inputError(commands.problem);
	const handling = readResultHandling(ctx, client, 'file_');
	const whenBusy = readWhenSessionRunning(
		ctx.getNodeParameter('whenSessionRunning', '') as unknown,
		ctx.getNode().typeVersion,
	);
	const machine = await resolveMachine(client, locator);
	const launch = async () =>
		await sendLaunch(client, LIVE_RESPONSE, {
			machine,
			comment,
			body: { Commands: commands.value },
		});
	const startedAt = hostClock.now();
	let { action, alreadyPending } = await launch();
	const waitedFor: IDataObject[] = [];
	// Another session holds the device: wait for it to end within the timeout, then launch this item's.
	while (alreadyPending && whenBusy === 'waitThenRun') {
		const timeoutMs = finalStatusTimeoutMs(client, WAIT_DEFAULTS);
		const { action: other } = await waitForAction(
			client,
			withoutODataContext(action),
			Math.max(0, timeoutMs - (hostClock.now() - startedAt)),
		);
		const seen = waitedFor.some((earlier) => earlier.id === other.id);
		if (!isFinal(other.status) || seen)
			throw client.inputError(
				`Another live response session (${describeSession(other)}) was still running on ${deviceOf(machine)} when the Final Status Timeout of ${timeoutMs / 1000} s ended: this item's commands were not run`,
				'Raise the Final Status Timeout, or cancel the other session with Device Action → Cancel, and run the item again.',
			);
		waitedFor.push(other);
		({ action, alreadyPending } = await launch());
	}
	if (alreadyPending && whenBusy === 'fail')
		throw client.inputError(
			`Another live response session (${describeSession(action)}) is running on ${deviceOf(machine)}: this item's commands were not run`,
			'Defender runs one live response session at a time on a device. Choose When Another Session Is Running → Wait, Then Run to wait for it, or cancel it with Device Action → Cancel.',
		);
	// Return the Running Session: its commands are not ours, so neither waited for nor read.
	if (alreadyPending)
		return [
			{
				json: {
					...withoutODataContext(action),
					alreadyPending: true,
					commandsFrom: 'otherSession',
				},
				pairedItem: client.paired,
			},
		];
	const final = await withFinalStatus(
		client,
		action,
		WAIT_DEFAULTS,
		LIVE_RESPONSE_WAIT,
		hostClock.now() - startedAt,
	);
	const waited = client.options.waitForFinalStatus ?? WAIT_DEFAULTS.waitForFinalStatus;
	const { commandResults, binary } = await resultsOf(
		ctx,
		client,
		final,
		waited ? handling : { ...handling, scriptResults: false, downloadFiles: false },
	);
	const commandsFrom: CommandsFrom = 'thisItem';
	return [
		{
			json: {
				...final,
				alreadyPending: false,
				commandsFrom,
				...(waitedFor.length > 0
					? {
							waitedForSessions: waitedFor.map((other) => ({ id: other.id, status: other.status })),
						}
					: {}),
				commandResults,
			},
			...(Object.keys(binary).length > 0 ? { binary } : {}),
			pairedItem: client.paired,
		},
	];
};
