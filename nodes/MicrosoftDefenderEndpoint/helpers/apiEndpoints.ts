/**
 * Every Defender API the node calls, as Defender documents it: its own rate limits (per app and
 * tenant), the permission a 403 should name, and what may be retried. Each gets its own call budget.
 */

/** read: sending twice is harmless. write: only 429s and lost answers are resent, and recognised. */
export type RetryClass = 'read' | 'write';

export interface ApiEndpoint {
	/** Budget key and the name used in messages and the simulator. */
	name: string;
	perMinute: number;
	perHour: number;
	/** The WindowsDefenderATP application permission(s) that allow this call. */
	permission: string;
	retry: RetryClass;
}

const READ_PERMISSION = 'Machine.Read.All or Machine.ReadWrite.All';

const read = (name: string, perMinute = 100, perHour = 1500): ApiEndpoint => ({
	name,
	perMinute,
	perHour,
	permission: READ_PERMISSION,
	retry: 'read',
});

const write = (name: string, permission: string): ApiEndpoint => ({
	name,
	perMinute: 100,
	perHour: 1500,
	permission,
	retry: 'write',
});

export const API_ENDPOINTS = {
	cancel: write(
		'cancel',
		'the permission of the action being cancelled: Machine.Isolate, Machine.Scan, Machine.CollectForensics, Machine.RestrictExecution, Machine.StopAndQuarantine, Machine.Offboard or Machine.LiveResponse',
	),
	getAction: read('getAction'),
	listActions: read('listActions'),
	getPackageUri: read('getPackageUri', 2, 120),
	machines: read('machines'),
	isolate: write('isolate', 'Machine.Isolate'),
	unisolate: write('unisolate', 'Machine.Isolate'),
	runAntiVirusScan: write('runAntiVirusScan', 'Machine.Scan'),
	collectInvestigationPackage: write('collectInvestigationPackage', 'Machine.CollectForensics'),
	restrictCodeExecution: write('restrictCodeExecution', 'Machine.RestrictExecution'),
	unrestrictCodeExecution: write('unrestrictCodeExecution', 'Machine.RestrictExecution'),
	stopAndQuarantineFile: write('stopAndQuarantineFile', 'Machine.StopAndQuarantine (and Machine.Read.All)'),
	offboard: write('offboard', 'Machine.Offboard'),
	alerts: { ...read('alerts'), permission: 'Alert.Read.All or Alert.ReadWrite.All' },
	updateAlert: write('updateAlert', 'Alert.ReadWrite.All'),
} satisfies Record<string, ApiEndpoint>;

export type ApiEndpointName = keyof typeof API_ENDPOINTS;
