/**
 * Every Defender API the node calls, as Defender documents it: its requests, its own rate limits
 * (per app and tenant), the permission a 403 should name, and what may be retried. Each API gets
 * its own call budget. The simulator models the same APIs independently; a test keeps the two in step.
 */

/** read: sending twice is harmless. write: only 429s and lost answers are resent, and recognised. */
export type RetryClass = 'read' | 'write';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request of an API, its path as Defender documents it; `{id}` (or `{ip}`, `{timestamp}`) stands for a value. */
export interface ApiRoute {
	method: ApiMethod;
	path: string;
}

export interface ApiEndpoint {
	/** Budget key and the name used in messages and the simulator. */
	name: string;
	routes: readonly ApiRoute[];
	perMinute: number;
	perHour: number;
	/** The WindowsDefenderATP application permission(s) that allow this call. */
	permission: string;
	retry: RetryClass;
	/** Who answers, as messages name it; absent: "Defender". */
	product?: string;
	/** Whose application permission `permission` is; absent: "WindowsDefenderATP". */
	permissionApi?: string;
}

const READ_PERMISSION = 'Machine.Read.All or Machine.ReadWrite.All';

const get = (...paths: string[]): ApiRoute[] => paths.map((path) => ({ method: 'GET', path }));

const read = (
	name: string,
	routes: ApiRoute[],
	permission = READ_PERMISSION,
	perMinute = 100,
	perHour = 1500,
): ApiEndpoint => ({
	name,
	routes,
	perMinute,
	perHour,
	permission,
	retry: 'read',
});

const write = (name: string, route: ApiRoute, permission: string): ApiEndpoint => ({
	name,
	routes: [route],
	perMinute: 100,
	perHour: 1500,
	permission,
	retry: 'write',
});

const TI_PERMISSION = 'Ti.ReadWrite or Ti.ReadWrite.All';

/** Indicator APIs: each has its own budget; a delete of one already gone is a 404, so resending it is harmless. */
const indicatorApi = (
	name: string,
	route: ApiRoute,
	retry: RetryClass,
	perMinute = 100,
): ApiEndpoint => ({
	name,
	routes: [route],
	perMinute,
	perHour: 1500,
	permission: TI_PERMISSION,
	retry,
});

/** A machine action launched on one device: `POST /api/machines/{id}/<action>`. */
const launch = (name: string, action: string, permission: string) =>
	write(name, { method: 'POST', path: `/api/machines/{id}/${action}` }, permission);

export const API_ENDPOINTS = {
	cancel: write(
		'cancel',
		{ method: 'POST', path: '/api/machineactions/{id}/cancel' },
		'the permission of the action being cancelled: Machine.Isolate, Machine.Scan, Machine.CollectForensics, Machine.RestrictExecution, Machine.StopAndQuarantine, Machine.Offboard or Machine.LiveResponse',
	),
	getAction: read('getAction', get('/api/machineactions/{id}')),
	listActions: read('listActions', get('/api/machineactions')),
	getPackageUri: read(
		'getPackageUri',
		get('/api/machineactions/{id}/GetPackageUri'),
		READ_PERMISSION,
		2,
		120,
	),
	machines: read('machines', get('/api/machines', '/api/machines/{id}')),
	getLoggedOnUsers: read('getLoggedOnUsers', get('/api/machines/{id}/logonusers'), 'User.Read.All'),
	// Tags are a set on the device: resent after a lost answer only once a read shows it unchanged (machine/tags.ts).
	tagMachine: write(
		'tagMachine',
		{ method: 'POST', path: '/api/machines/{id}/tags' },
		'Machine.ReadWrite.All',
	),
	tagMachines: write(
		'tagMachines',
		{ method: 'POST', path: '/api/machines/AddOrRemoveTagForMultipleMachines' },
		'Machine.ReadWrite.All',
	),
	findMachinesByTag: read('findMachinesByTag', get('/api/machines/findbytag')),
	findMachinesByIp: read(
		'findMachinesByIp',
		get("/api/machines/findbyip(ip='{ip}',timestamp={timestamp})"),
	),
	files: read('files', get('/api/files/{id}'), 'File.Read.All'),
	fileStats: read('fileStats', get('/api/files/{id}/stats'), 'File.Read.All'),
	ipStats: read('ipStats', get('/api/ips/{id}/stats'), 'Ip.Read.All'),
	domainStats: read('domainStats', get('/api/domains/{id}/stats'), 'URL.Read.All'),
	isolate: launch('isolate', 'isolate', 'Machine.Isolate'),
	unisolate: launch('unisolate', 'unisolate', 'Machine.Isolate'),
	runAntiVirusScan: launch('runAntiVirusScan', 'runAntiVirusScan', 'Machine.Scan'),
	collectInvestigationPackage: launch(
		'collectInvestigationPackage',
		'collectInvestigationPackage',
		'Machine.CollectForensics',
	),
	restrictCodeExecution: launch(
		'restrictCodeExecution',
		'restrictCodeExecution',
		'Machine.RestrictExecution',
	),
	unrestrictCodeExecution: launch(
		'unrestrictCodeExecution',
		'unrestrictCodeExecution',
		'Machine.RestrictExecution',
	),
	stopAndQuarantineFile: launch(
		'stopAndQuarantineFile',
		'StopAndQuarantineFile',
		'Machine.StopAndQuarantine (and Machine.Read.All)',
	),
	offboard: launch('offboard', 'offboard', 'Machine.Offboard'),
	alerts: read(
		'alerts',
		get('/api/alerts', '/api/alerts/{id}'),
		'Alert.Read.All or Alert.ReadWrite.All',
	),
	updateAlert: write(
		'updateAlert',
		{ method: 'PATCH', path: '/api/alerts/{id}' },
		'Alert.ReadWrite.All',
	),
	// Live response: 10 calls a minute; Defender states no hourly limit beyond what that allows.
	runLiveResponse: {
		...launch('runLiveResponse', 'runliveresponse', 'Machine.LiveResponse'),
		perMinute: 10,
		perHour: 600,
	},
	getLiveResponseResult: read(
		'getLiveResponseResult',
		get('/api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={index})'),
		'Machine.Read.All or Machine.ReadWrite.All (older doc pages: Machine.LiveResponse)',
	),
	listLibraryFiles: read('listLibraryFiles', get('/api/libraryfiles'), 'Library.Manage'),
	uploadLibraryFile: write(
		'uploadLibraryFile',
		{ method: 'POST', path: '/api/libraryfiles' },
		'Library.Manage',
	),
	deleteLibraryFile: write(
		'deleteLibraryFile',
		{ method: 'DELETE', path: '/api/libraryfiles/{id}' },
		'Library.Manage',
	),
	listIndicators: read('listIndicators', get('/api/indicators'), TI_PERMISSION),
	submitIndicator: indicatorApi(
		'submitIndicator',
		{ method: 'POST', path: '/api/indicators' },
		'write',
	),
	deleteIndicator: indicatorApi(
		'deleteIndicator',
		{ method: 'DELETE', path: '/api/indicators/{id}' },
		'read',
	),
	importIndicators: indicatorApi(
		'importIndicators',
		{ method: 'POST', path: '/api/indicators/import' },
		'write',
		30,
	),
	batchDeleteIndicators: indicatorApi(
		'batchDeleteIndicators',
		{ method: 'POST', path: '/api/indicators/BatchDelete' },
		'read',
		30,
	),
} satisfies Record<string, ApiEndpoint>;

export type ApiEndpointName = keyof typeof API_ENDPOINTS;
