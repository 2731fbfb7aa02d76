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
	/**
	 * The list pages by `$top`/`$skip`: its page documents `$skip` and no `@odata.nextLink`, so a
	 * full page without a next link is followed by `$skip` (transport/paging.ts, docs/api-paging.md).
	 */
	pagesBySkip?: boolean;
}

/** Calls a minute and an hour per app and tenant. */
interface Limits {
	perMinute: number;
	perHour: number;
}

/** What most Defender APIs allow. */
const USUAL_LIMITS: Limits = { perMinute: 100, perHour: 1500 };

const READ_PERMISSION = 'Machine.Read.All or Machine.ReadWrite.All';
const TI_PERMISSION = 'Ti.ReadWrite or Ti.ReadWrite.All';
const LIBRARY_PERMISSION = 'Library.Manage';

const get = (...paths: string[]): ApiRoute[] => paths.map((path) => ({ method: 'GET', path }));
const post = (path: string): ApiRoute => ({ method: 'POST', path });
const patch = (path: string): ApiRoute => ({ method: 'PATCH', path });
const del = (path: string): ApiRoute => ({ method: 'DELETE', path });

/** An API that may be resent as it is. */
const read = (
	name: string,
	routes: ApiRoute[],
	permission = READ_PERMISSION,
	limits = USUAL_LIMITS,
): ApiEndpoint => ({ name, routes, ...limits, permission, retry: 'read' });

/** An API whose second send may act twice. */
const write = (
	name: string,
	route: ApiRoute,
	permission: string,
	limits = USUAL_LIMITS,
): ApiEndpoint => ({ name, routes: [route], ...limits, permission, retry: 'write' });

/** A machine action launched on one device: `POST /api/machines/{id}/<action>`. */
const launch = (name: string, action: string, permission: string, limits = USUAL_LIMITS) =>
	write(name, post(`/api/machines/{id}/${action}`), permission, limits);

/** A list whose page documents `$top` (at most 10,000) and `$skip`: read to its end by `$skip` as well as next links. */
const pagedBySkip = (endpoint: ApiEndpoint): ApiEndpoint => ({ ...endpoint, pagesBySkip: true });

/** Indicator imports and batch deletes: 30 calls a minute. */
const INDICATOR_BATCH_LIMITS: Limits = { perMinute: 30, perHour: 1500 };

export const API_ENDPOINTS = {
	cancel: write(
		'cancel',
		post('/api/machineactions/{id}/cancel'),
		'the permission of the action being cancelled: Machine.Isolate, Machine.Scan, Machine.CollectForensics, Machine.RestrictExecution, Machine.StopAndQuarantine, Machine.Offboard or Machine.LiveResponse',
	),
	getAction: read('getAction', get('/api/machineactions/{id}')),
	listActions: pagedBySkip(read('listActions', get('/api/machineactions'))),
	getPackageUri: read(
		'getPackageUri',
		get('/api/machineactions/{id}/GetPackageUri'),
		READ_PERMISSION,
		{
			perMinute: 2,
			perHour: 120,
		},
	),
	machines: pagedBySkip(read('machines', get('/api/machines', '/api/machines/{id}'))),
	getLoggedOnUsers: read('getLoggedOnUsers', get('/api/machines/{id}/logonusers'), 'User.Read.All'),
	// Tags are a set on the device: resent after a lost answer only once a read shows it unchanged (machine/tags.ts).
	tagMachine: write('tagMachine', post('/api/machines/{id}/tags'), 'Machine.ReadWrite.All'),
	tagMachines: write(
		'tagMachines',
		post('/api/machines/AddOrRemoveTagForMultipleMachines'),
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
	alerts: pagedBySkip(
		read('alerts', get('/api/alerts', '/api/alerts/{id}'), 'Alert.Read.All or Alert.ReadWrite.All'),
	),
	updateAlert: write('updateAlert', patch('/api/alerts/{id}'), 'Alert.ReadWrite.All'),
	// Live response: 10 calls a minute; Defender states no hourly limit beyond what that allows.
	runLiveResponse: launch('runLiveResponse', 'runliveresponse', 'Machine.LiveResponse', {
		perMinute: 10,
		perHour: 600,
	}),
	getLiveResponseResult: read(
		'getLiveResponseResult',
		get('/api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={index})'),
		'Machine.Read.All or Machine.ReadWrite.All (older doc pages: Machine.LiveResponse)',
	),
	listLibraryFiles: read('listLibraryFiles', get('/api/libraryfiles'), LIBRARY_PERMISSION),
	uploadLibraryFile: write('uploadLibraryFile', post('/api/libraryfiles'), LIBRARY_PERMISSION),
	deleteLibraryFile: write('deleteLibraryFile', del('/api/libraryfiles/{id}'), LIBRARY_PERMISSION),
	// Indicators: a delete of one already gone is a 404, so resending a delete is harmless.
	listIndicators: pagedBySkip(read('listIndicators', get('/api/indicators'), TI_PERMISSION)),
	submitIndicator: write('submitIndicator', post('/api/indicators'), TI_PERMISSION),
	deleteIndicator: read('deleteIndicator', [del('/api/indicators/{id}')], TI_PERMISSION),
	importIndicators: write(
		'importIndicators',
		post('/api/indicators/import'),
		TI_PERMISSION,
		INDICATOR_BATCH_LIMITS,
	),
	batchDeleteIndicators: read(
		'batchDeleteIndicators',
		[post('/api/indicators/BatchDelete')],
		TI_PERMISSION,
		INDICATOR_BATCH_LIMITS,
	),
} satisfies Record<string, ApiEndpoint>;

export type ApiEndpointName = keyof typeof API_ENDPOINTS;
