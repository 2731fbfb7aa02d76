import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** What Run Live Response does when Defender answers that another session is running on the device. */
export const WHEN_SESSION_RUNNING = ['waitThenRun', 'fail', 'returnRunning'] as const;
export type WhenSessionRunning = (typeof WHEN_SESSION_RUNNING)[number];

/** Whose commands the output's action ran: this item's, or another session's that held the device. */
export type CommandsFrom = 'thisItem' | 'otherSession';

const field: INodeProperties = {
	displayName: 'When Another Session Is Running',
	name: 'whenSessionRunning',
	type: 'options',
	options: [
		{
			name: 'Fail the Item',
			value: 'fail',
			description: "Fail the item at once; this item's commands do not run",
		},
		{
			name: 'Return the Running Session',
			value: 'returnRunning',
			description:
				"Output the other session's action, with commandsFrom: otherSession; this item's commands do not run",
		},
		{
			name: 'Wait, Then Run',
			value: 'waitThenRun',
			description:
				"Wait, within the Final Status Timeout, for the other session to end, then run this item's commands",
		},
	],
	default: 'waitThenRun',
	description: 'Defender runs one live response session at a time on a device',
};

// Saved workflows omit a default value, so versions before 1.3 keep returning the running session;
// from 1.3 a new node waits and then runs its own commands.
export const whenSessionRunningFields: INodeProperties[] = [
	{
		...field,
		default: 'returnRunning',
		displayOptions: { show: { '@version': [{ _cnd: { lt: 1.3 } }] } },
	},
	{ ...field, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.3 } }] } } },
];

/** The choice, or the default of the node's version when it is not set. */
export function readWhenSessionRunning(value: unknown, typeVersion: number): WhenSessionRunning {
	return WHEN_SESSION_RUNNING.includes(value as WhenSessionRunning)
		? (value as WhenSessionRunning)
		: typeVersion >= 1.3
			? 'waitThenRun'
			: 'returnRunning';
}

/** The other session as the messages name it: its id, status and requestor. */
export function describeSession(action: IDataObject): string {
	const requestor =
		typeof action.requestor === 'string' && action.requestor !== ''
			? `, requested by ${action.requestor}`
			: '';
	return `action ${String(action.id)}, ${String(action.status)}${requestor}`;
}
