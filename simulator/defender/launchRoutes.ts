import type { ApiCall } from '../core/apiRoute';
import type { ApiRoute } from '../simulatorRoute';
import { requestorOf } from '../core/auth/tokenAuthority';
import { HttpProblem } from '../core/httpProblem';
import type { JsonAnswer } from '../core/http';
import { actionsContext } from './machineActionRoutes';
import type { SimulatedMachineAction } from '../stores/machineActions';
import { MACHINE_ID } from '../stores/machines';
import { jsonBody, requireComment } from '../core/requestBody';
import type { SimulatorState } from '../stores/state';

export interface LaunchKind {
	/** Path segment after the machine id, in Defender's documented casing; matched case-insensitively. */
	path: string;
	type: string;
	api: string;
	role: string;
	/** Checks the body's own fields before anything is created (default: the parameters of the common launches). */
	details?: (params: Record<string, unknown>) => LaunchDetails;
	/** Called once the action exists, to fill in what the kind adds (live response: its commands). */
	started?: (
		state: SimulatorState,
		action: SimulatedMachineAction,
		params: Record<string, unknown>,
	) => void;
}

const LAUNCHES: LaunchKind[] = [
	{ path: 'isolate', type: 'Isolate', api: 'isolate', role: 'Machine.Isolate' },
	{ path: 'unisolate', type: 'Unisolate', api: 'unisolate', role: 'Machine.Isolate' },
	{
		path: 'runAntiVirusScan',
		type: 'RunAntiVirusScan',
		api: 'runAntiVirusScan',
		role: 'Machine.Scan',
	},
	{
		path: 'collectInvestigationPackage',
		type: 'CollectInvestigationPackage',
		api: 'collectInvestigationPackage',
		role: 'Machine.CollectForensics',
	},
	{
		path: 'restrictCodeExecution',
		type: 'RestrictCodeExecution',
		api: 'restrictCodeExecution',
		role: 'Machine.RestrictExecution',
	},
	{
		path: 'unrestrictCodeExecution',
		type: 'UnrestrictCodeExecution',
		api: 'unrestrictCodeExecution',
		role: 'Machine.RestrictExecution',
	},
	{
		path: 'StopAndQuarantineFile',
		type: 'StopAndQuarantineFile',
		api: 'stopAndQuarantineFile',
		role: 'Machine.StopAndQuarantine',
	},
	{ path: 'offboard', type: 'Offboard', api: 'offboard', role: 'Machine.Offboard' },
];

const SHA1 = /^[0-9a-f]{40}$/i;
const ISOLATION_TYPES = ['Full', 'Selective', 'UnManagedDevice'];
const SCAN_TYPES = ['Quick', 'Full'];

export type LaunchDetails = Pick<SimulatedMachineAction, 'scope' | 'relatedFileInfo'>;

/** The parameters beyond Comment that some launches take, validated in the order Defender checks them. */
function launchDetails(type: string, params: Record<string, unknown>): LaunchDetails {
	if (type === 'Isolate') {
		const isolationType = params.IsolationType;
		if (isolationType !== undefined && !ISOLATION_TYPES.includes(String(isolationType))) {
			throw new HttpProblem(
				400,
				'InvalidInput',
				`IsolationType must be one of ${ISOLATION_TYPES.join(', ')}`,
			);
		}
		return {
			scope: isolationType === undefined ? 'Full' : String(isolationType),
			relatedFileInfo: null,
		};
	}
	if (type === 'RunAntiVirusScan') {
		const scanType = params.ScanType;
		if (scanType === undefined)
			throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'ScanType' is required");
		if (!SCAN_TYPES.includes(String(scanType)))
			throw new HttpProblem(
				400,
				'InvalidInput',
				`ScanType must be one of ${SCAN_TYPES.join(', ')}`,
			);
		return { scope: String(scanType), relatedFileInfo: null };
	}
	if (type === 'StopAndQuarantineFile') {
		const sha1 = params.Sha1;
		if (sha1 === undefined)
			throw new HttpProblem(400, 'MissingRequiredParameter', "Parameter 'Sha1' is required");
		if (typeof sha1 !== 'string' || !SHA1.test(sha1))
			throw new HttpProblem(400, 'InvalidHashValue', `'${String(sha1)}' is not a valid SHA-1 hash`);
		return { scope: null, relatedFileInfo: { fileIdentifier: sha1, fileIdentifierType: 'Sha1' } };
	}
	return { scope: null, relatedFileInfo: null };
}

/** A launch as Defender answers it: checks, the one-active-action-per-type rule, then a new Pending action. */
export function launch(
	state: SimulatorState,
	kind: LaunchKind,
	{ app, req, id: machineId, body }: ApiCall,
): JsonAnswer {
	if (!MACHINE_ID.test(machineId))
		throw new HttpProblem(
			400,
			'InvalidInput',
			`Machine id '${machineId}' is not a valid machine id`,
		);
	const params = jsonBody(req, body);
	const comment = requireComment(params);
	const details = kind.details ? kind.details(params) : launchDetails(kind.type, params);
	const machine = state.machines.find(machineId, false);
	const context = `${actionsContext(state)}/$entity`;
	const active = state.actions.activeOfType(kind.type, machine.id);
	if (active) {
		if (state.duplicateAnswer === 'existing')
			return [201, { '@odata.context': context, ...active }];
		throw new HttpProblem(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
	}
	const action = state.actions.launch({
		type: kind.type,
		...details,
		requestor: requestorOf(app),
		requestorComment: comment,
		machineId: machine.id,
		computerDnsName: machine.computerDnsName,
	});
	kind.started?.(state, action, params);
	return [201, { '@odata.context': context, ...action }];
}

/** One route per launch: `POST /api/machines/{id}/<launch>`, with its own rate-limit class and role. */
export const LAUNCH_ROUTES: ApiRoute[] = LAUNCHES.map((kind) => ({
	method: 'POST',
	path: `/api/machines/{id}/${kind.path}`,
	api: kind.api,
	roles: [kind.role],
	handle: (state, call) => launch(state, kind, call),
}));
