import type { ApiEndpoint, ApiRoute } from '../../core/transport/apiEndpoint';

/** How a line of Defender's API catalog is written: its limits, permissions, routes and retry class. */

/** Calls a minute and an hour per app and tenant. */
export interface Limits {
	perMinute: number;
	perHour: number;
}

/** What most Defender APIs allow. */
export const USUAL_LIMITS: Limits = { perMinute: 100, perHour: 1500 };

export const READ_PERMISSION = 'Machine.Read.All or Machine.ReadWrite.All';
export const TI_PERMISSION = 'Ti.ReadWrite or Ti.ReadWrite.All';
export const LIBRARY_PERMISSION = 'Library.Manage';
export const ALERT_READ_PERMISSION = 'Alert.Read.All or Alert.ReadWrite.All';
export const VULNERABILITY_PERMISSION = 'Vulnerability.Read.All';
export const SOFTWARE_PERMISSION = 'Software.Read.All';
export const RECOMMENDATION_PERMISSION = 'SecurityRecommendation.Read.All';

export const get = (...paths: string[]): ApiRoute[] =>
	paths.map((path) => ({ method: 'GET', path }));
export const post = (path: string): ApiRoute => ({ method: 'POST', path });
export const patch = (path: string): ApiRoute => ({ method: 'PATCH', path });
export const del = (path: string): ApiRoute => ({ method: 'DELETE', path });

/** Who answers Defender's APIs, and whose application permissions they need, as messages name them. */
export const DEFENDER_PRODUCT = {
	product: 'Defender',
	permissionApi: 'WindowsDefenderATP',
} as const;

/** An API that may be resent as it is. */
export const read = (
	name: string,
	routes: ApiRoute[],
	permission = READ_PERMISSION,
	limits = USUAL_LIMITS,
): ApiEndpoint => ({ name, routes, ...limits, permission, retry: 'read', ...DEFENDER_PRODUCT });

/** An API whose second send may act twice. */
export const write = (
	name: string,
	route: ApiRoute,
	permission: string,
	limits = USUAL_LIMITS,
): ApiEndpoint => ({
	name,
	routes: [route],
	...limits,
	permission,
	retry: 'write',
	...DEFENDER_PRODUCT,
});

/** A machine action launched on one device: `POST /api/machines/{id}/<action>`. */
export const launch = (name: string, action: string, permission: string, limits = USUAL_LIMITS) =>
	write(name, post(`/api/machines/{id}/${action}`), permission, limits);

/** A list whose page documents `$top` (at most 10,000) and `$skip`: read to its end by `$skip` as well as next links. */
export const pagedBySkip = (endpoint: ApiEndpoint): ApiEndpoint => ({
	...endpoint,
	pagesBySkip: true,
});

/** The export assessments by device (JSON): 30 calls a minute, 1,000 an hour. */
export const EXPORT_LIMITS: Limits = { perMinute: 30, perHour: 1000 };

/** Indicator imports and batch deletes: 30 calls a minute. */
export const INDICATOR_BATCH_LIMITS: Limits = { perMinute: 30, perHour: 1500 };
