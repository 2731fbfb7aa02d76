import type { IDataObject } from 'n8n-workflow';

import { API_ENDPOINTS } from './apiEndpoints';
import type { ApiEndpoint, ApiEndpointName } from './apiEndpoints';
import type { HttpFailure } from './errors';
import { readDefenderError } from './errors';
import { literal } from './filters';
import { withFinalStatus } from './finalStatus';
import type { Checked } from './interfaces';
import { describeInput } from './machineActionId';
import { resolveMachine } from './machineLocator';
import type { MachineLocator } from './machineLocator';
import { listPages } from './paging';
import { retryClock } from './retry';
import { isLostResponse } from './transport';
import type { DefenderClient } from './transport';

type ParameterReader = (name: string) => unknown;

/** One machine action Defender can launch: `POST /api/machines/{id}/{path}`. */
export interface LaunchSpec {
	endpoint: ApiEndpoint;
	path: string;
	/** The Machine Action `type` Defender gives the action it creates. */
	actionType: string;
	/** What the action does, for messages: "isolate device X". */
	verb: string;
	/** Body fields besides Comment, read from the node's parameters and checked before sending. */
	body?: (read: ParameterReader) => Checked<IDataObject>;
}

const oneOf =
	(parameter: string, bodyKey: string, allowed: readonly string[], label: string) =>
	(read: ParameterReader): Checked<IDataObject> => {
		const value = read(parameter);
		if (typeof value !== 'string' || !allowed.includes(value)) {
			return { ok: false, problem: `${label} must be one of ${allowed.join(', ')}, got ${describeInput(value)}` };
		}
		return { ok: true, value: { [bodyKey]: value } };
	};

const SHA1_PATTERN = /^[0-9a-f]{40}$/i;

export const ISOLATION_TYPES = ['Full', 'Selective', 'UnManagedDevice'] as const;
export const SCAN_TYPES = ['Quick', 'Full'] as const;

/** Every launch the Machine resource offers; the operation value is the key. */
export const LAUNCHES = {
	isolate: {
		endpoint: API_ENDPOINTS.isolate,
		path: 'isolate',
		actionType: 'Isolate',
		verb: 'isolate',
		body: oneOf('isolationType', 'IsolationType', ISOLATION_TYPES, 'Isolation Type'),
	},
	unisolate: { endpoint: API_ENDPOINTS.unisolate, path: 'unisolate', actionType: 'Unisolate', verb: 'release from isolation' },
	runAntiVirusScan: {
		endpoint: API_ENDPOINTS.runAntiVirusScan,
		path: 'runAntiVirusScan',
		actionType: 'RunAntiVirusScan',
		verb: 'scan',
		body: oneOf('scanType', 'ScanType', SCAN_TYPES, 'Scan Type'),
	},
	collectInvestigationPackage: {
		endpoint: API_ENDPOINTS.collectInvestigationPackage,
		path: 'collectInvestigationPackage',
		actionType: 'CollectInvestigationPackage',
		verb: 'collect an investigation package from',
	},
	restrictCodeExecution: {
		endpoint: API_ENDPOINTS.restrictCodeExecution,
		path: 'restrictCodeExecution',
		actionType: 'RestrictCodeExecution',
		verb: 'restrict app execution on',
	},
	unrestrictCodeExecution: {
		endpoint: API_ENDPOINTS.unrestrictCodeExecution,
		path: 'unrestrictCodeExecution',
		actionType: 'UnrestrictCodeExecution',
		verb: 'remove the app restriction from',
	},
	stopAndQuarantineFile: {
		endpoint: API_ENDPOINTS.stopAndQuarantineFile,
		path: 'StopAndQuarantineFile',
		actionType: 'StopAndQuarantineFile',
		verb: 'stop and quarantine a file on',
		body: (read) => {
			const raw = read('sha1');
			const sha1 = typeof raw === 'string' ? raw.trim() : '';
			if (!SHA1_PATTERN.test(sha1)) {
				return { ok: false, problem: `SHA-1 must be 40 hexadecimal characters, got ${describeInput(raw)}` };
			}
			return { ok: true, value: { Sha1: sha1.toLowerCase() } };
		},
	},
	offboard: { endpoint: API_ENDPOINTS.offboard, path: 'offboard', actionType: 'Offboard', verb: 'offboard' },
} satisfies Partial<Record<ApiEndpointName, LaunchSpec>>;

export type LaunchOperation = keyof typeof LAUNCHES;

export const isLaunchOperation = (operation: string): operation is LaunchOperation => operation in LAUNCHES;

/** Defender's answer to a launch while one of the same kind is pending on the device. */
const isDuplicateRefusal = (failure: HttpFailure): boolean => {
	if (failure.statusCode !== 400) return false;
	const { code, message } = readDefenderError(failure.body);
	return code === 'ActiveRequestAlreadyExists' || /already in progress/i.test(message ?? '');
};

/** How much earlier than our request an action may look created and still be ours: clocks differ. */
const CLOCK_SKEW_MS = 2000;

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
export async function launchMachineAction(
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
	const firstSentAt = retryClock.now();
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
