import type { Checked } from './interfaces';

/** OData string literal: single quotes doubled. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The clauses of one `$filter`, joined with and; values quoted for OData, dates checked. */
class FilterClauses {
	private readonly clauses: string[] = [];
	private problem?: string;

	/** `field eq 'a'`, or `(field eq 'a' or field eq 'b')`. */
	anyOf(field: string, values: string[] | undefined): this {
		if (!values?.length) return this;
		const equals = values.map((value) => `${field} eq ${literal(value)}`);
		this.clauses.push(equals.length === 1 ? equals[0] : `(${equals.join(' or ')})`);
		return this;
	}

	equals(field: string, value: unknown): this {
		return this.when(value, (text) => `${field} eq ${literal(text)}`);
	}

	/** A clause built from a non-empty text value. */
	when(value: unknown, clause: (text: string) => string): this {
		const text = trimmed(value);
		if (text) this.clauses.push(clause(text));
		return this;
	}

	/** `field gt|lt <ISO date>`; a value that is not a date is the filter's problem, named by its label. */
	date(field: string, operator: 'gt' | 'lt', label: string, value: string | undefined): this {
		if (!value) return this;
		const ms = Date.parse(value);
		if (Number.isNaN(ms)) this.problem ??= `Filter "${label}" is not a date: ${JSON.stringify(value)}`;
		else this.clauses.push(`${field} ${operator} ${new Date(ms).toISOString()}`);
		return this;
	}

	result(): Checked<string> {
		return this.problem ? { ok: false, problem: this.problem } : { ok: true, value: this.clauses.join(' and ') };
	}
}

export interface MachineActionFilters {
	status?: string[];
	type?: string[];
	machineId?: string;
	requestor?: string;
	createdAfter?: string;
	createdBefore?: string;
}

/** Builds the `$filter` for List machine actions; an empty value when no filter is set. */
export function buildMachineActionFilter(filters: MachineActionFilters): Checked<string> {
	return new FilterClauses()
		.anyOf('status', filters.status)
		.anyOf('type', filters.type)
		.equals('machineId', filters.machineId)
		.equals('requestor', filters.requestor)
		.date('creationDateTimeUtc', 'gt', 'Created After', filters.createdAfter)
		.date('creationDateTimeUtc', 'lt', 'Created Before', filters.createdBefore)
		.result();
}

export interface MachineFilters {
	computerNameEquals?: string;
	computerNameStartsWith?: string;
	healthStatus?: string[];
	riskScore?: string[];
	osPlatform?: string;
	tag?: string;
	lastIpAddress?: string;
	lastSeenAfter?: string;
}

/** Builds the `$filter` for List machines; an empty value when no filter is set. */
export function buildMachineFilter(filters: MachineFilters): Checked<string> {
	return new FilterClauses()
		.equals('computerDnsName', filters.computerNameEquals)
		.when(filters.computerNameStartsWith, (text) => `startswith(computerDnsName,${literal(text)})`)
		.anyOf('healthStatus', filters.healthStatus)
		.anyOf('riskScore', filters.riskScore)
		.equals('osPlatform', filters.osPlatform)
		.when(filters.tag, (text) => `machineTags/any(tag: tag eq ${literal(text)})`)
		.equals('lastIpAddress', filters.lastIpAddress)
		.date('lastSeen', 'gt', 'Last Seen After', filters.lastSeenAfter)
		.result();
}

export interface AlertFilters {
	status?: string[];
	severity?: string[];
	category?: string;
	detectionSource?: string;
	machineId?: string;
	createdAfter?: string;
	updatedAfter?: string;
}

/** Builds the `$filter` for List alerts; an empty value when no filter is set. */
export function buildAlertFilter(filters: AlertFilters): Checked<string> {
	return new FilterClauses()
		.anyOf('status', filters.status)
		.anyOf('severity', filters.severity)
		.equals('category', filters.category)
		.equals('detectionSource', filters.detectionSource)
		.equals('machineId', filters.machineId)
		.date('alertCreationTime', 'gt', 'Created After', filters.createdAfter)
		.date('lastUpdateTime', 'gt', 'Updated After', filters.updatedAfter)
		.result();
}
