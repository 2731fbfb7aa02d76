export interface MachineActionFilters {
	status?: string[];
	type?: string[];
	machineId?: string;
	requestor?: string;
	createdAfter?: string;
	createdBefore?: string;
}

export class InvalidFilterError extends Error {}

/** OData string literal: single quotes doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

const anyOf = (field: string, values: string[]) =>
	values.length === 1
		? `${field} eq ${literal(values[0])}`
		: `(${values.map((value) => `${field} eq ${literal(value)}`).join(' or ')})`;

function isoDate(name: string, value: string): string {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new InvalidFilterError(`Filter "${name}" is not a date: ${JSON.stringify(value)}`);
	return new Date(ms).toISOString();
}

/** Builds the `$filter` for List machine actions; undefined when no filter is set. */
export function buildMachineActionFilter(filters: MachineActionFilters): string | undefined {
	const clauses: string[] = [];
	if (filters.status?.length) clauses.push(anyOf('status', filters.status));
	if (filters.type?.length) clauses.push(anyOf('type', filters.type));
	const machineId = filters.machineId?.trim();
	if (machineId) clauses.push(`machineId eq ${literal(machineId)}`);
	const requestor = filters.requestor?.trim();
	if (requestor) clauses.push(`requestor eq ${literal(requestor)}`);
	if (filters.createdAfter) clauses.push(`creationDateTimeUtc gt ${isoDate('Created After', filters.createdAfter)}`);
	if (filters.createdBefore) clauses.push(`creationDateTimeUtc lt ${isoDate('Created Before', filters.createdBefore)}`);
	return clauses.length ? clauses.join(' and ') : undefined;
}
