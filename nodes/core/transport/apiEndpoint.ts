/** One API of a service's catalog: its requests, its rate limits, the permission a 403 names, what may be retried. */

/** read: sending twice is harmless. write: only 429s and lost answers are resent, and recognised. */
export type RetryClass = 'read' | 'write';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request of an API, its path as the service documents it; `{id}` (or `{ip}`, `{timestamp}`) stands for a value. */
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
	/** The application permission(s) that allow this call. */
	permission: string;
	retry: RetryClass;
	/** Who answers, as messages name it ("Defender", "Microsoft Graph"). */
	product: string;
	/** Whose application permission `permission` is ("WindowsDefenderATP", "Microsoft Graph"). */
	permissionApi: string;
	/**
	 * The list pages by `$top`/`$skip`: its page documents `$skip` and no `@odata.nextLink`, so a
	 * full page without a next link is followed by `$skip` (core/transport/paging.ts, docs/api-paging.md).
	 */
	pagesBySkip?: boolean;
}
