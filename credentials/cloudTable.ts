/** One cloud of a service: its Environment option, Entra ID authority and token scope. */
export interface Cloud {
	value: string;
	name: string;
	authority: string;
	scope: string;
}

/** A service's clouds and how a credential names its own service root (the Custom environment). */
export interface CloudTable<C extends Cloud = Cloud> {
	/** The service as messages name it, like "Defender" or "Microsoft Graph". */
	product: string;
	/** Every cloud; the first is the default and the scope the custom environment asks for. */
	clouds: readonly C[];
	/** The Environment value under which the user types the API URL and Token URL. */
	customEnvironment: string;
	/** Where the node sends requests in this cloud. */
	serviceRoot(cloud: C): string;
	/** A service root, shown as the API URL field's placeholder and in messages. */
	rootExample: string;
	/** A path the node appends itself, dropped from a typed API URL (Defender's /api, Graph's /v1.0). */
	rootSuffix: RegExp;
}

/** The table's cloud for an Environment value; undefined for an unknown one or the custom environment. */
export const cloudFor = <C extends Cloud>(
	table: CloudTable<C>,
	environment: unknown,
): C | undefined => table.clouds.find((cloud) => cloud.value === environment);

/** Builds `{"global": "...", ...}[key]` for credential expressions, from the one table. */
export function cloudLookupExpression<C extends Cloud>(
	table: CloudTable<C>,
	pick: (cloud: C) => string,
	key: string,
): string {
	const lookup = Object.fromEntries(table.clouds.map((cloud) => [cloud.value, pick(cloud)]));
	return `(${JSON.stringify(lookup)})[${key}]`;
}
