export interface MachineActionFilters {
	status?: string[];
	type?: string[];
	machineId?: string;
	requestor?: string;
	createdAfter?: string;
	createdBefore?: string;
}

import type { Checked } from './interfaces';

/** OData string literal: single quotes doubled. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

const anyOf = (field: string, values: string[]) =>
	values.length === 1
		? `${field} eq ${literal(values[0])}`
		: `(${values.map((value) => `${field} eq ${literal(value)}`).join(' or ')})`;

const DATE_FILTERS = [
	['createdAfter', 'Created After', 'gt'],
	['createdBefore', 'Created Before', 'lt'],
] as const;

/** Builds the `$filter` for List machine actions; an empty value when no filter is set. */
export function buildMachineActionFilter(filters: MachineActionFilters): Checked<string> {
	const clauses: string[] = [];
	if (filters.status?.length) clauses.push(anyOf('status', filters.status));
	if (filters.type?.length) clauses.push(anyOf('type', filters.type));
	const machineId = filters.machineId?.trim();
	if (machineId) clauses.push(`machineId eq ${literal(machineId)}`);
	const requestor = filters.requestor?.trim();
	if (requestor) clauses.push(`requestor eq ${literal(requestor)}`);
	for (const [key, label, operator] of DATE_FILTERS) {
		const value = filters[key];
		if (!value) continue;
		const ms = Date.parse(value);
		if (Number.isNaN(ms)) return { ok: false, problem: `Filter "${label}" is not a date: ${JSON.stringify(value)}` };
		clauses.push(`creationDateTimeUtc ${operator} ${new Date(ms).toISOString()}`);
	}
	return { ok: true, value: clauses.join(' and ') };
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
	const clauses: string[] = [];
	const text = (value: string | undefined) => (typeof value === 'string' ? value.trim() : '');
	if (text(filters.computerNameEquals)) clauses.push(`computerDnsName eq ${literal(text(filters.computerNameEquals))}`);
	if (text(filters.computerNameStartsWith)) {
		clauses.push(`startswith(computerDnsName,${literal(text(filters.computerNameStartsWith))})`);
	}
	if (filters.healthStatus?.length) clauses.push(anyOf('healthStatus', filters.healthStatus));
	if (filters.riskScore?.length) clauses.push(anyOf('riskScore', filters.riskScore));
	if (text(filters.osPlatform)) clauses.push(`osPlatform eq ${literal(text(filters.osPlatform))}`);
	if (text(filters.tag)) clauses.push(`machineTags/any(tag: tag eq ${literal(text(filters.tag))})`);
	if (text(filters.lastIpAddress)) clauses.push(`lastIpAddress eq ${literal(text(filters.lastIpAddress))}`);
	if (filters.lastSeenAfter) {
		const ms = Date.parse(filters.lastSeenAfter);
		if (Number.isNaN(ms)) return { ok: false, problem: `Filter "Last Seen After" is not a date: ${JSON.stringify(filters.lastSeenAfter)}` };
		clauses.push(`lastSeen gt ${new Date(ms).toISOString()}`);
	}
	return { ok: true, value: clauses.join(' and ') };
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

const ALERT_DATE_FILTERS = [
	['createdAfter', 'Created After', 'alertCreationTime'],
	['updatedAfter', 'Updated After', 'lastUpdateTime'],
] as const;

/** Builds the `$filter` for List alerts; an empty value when no filter is set. */
export function buildAlertFilter(filters: AlertFilters): Checked<string> {
	const clauses: string[] = [];
	const text = (value: string | undefined) => (typeof value === 'string' ? value.trim() : '');
	if (filters.status?.length) clauses.push(anyOf('status', filters.status));
	if (filters.severity?.length) clauses.push(anyOf('severity', filters.severity));
	if (text(filters.category)) clauses.push(`category eq ${literal(text(filters.category))}`);
	if (text(filters.detectionSource)) clauses.push(`detectionSource eq ${literal(text(filters.detectionSource))}`);
	if (text(filters.machineId)) clauses.push(`machineId eq ${literal(text(filters.machineId))}`);
	for (const [key, label, field] of ALERT_DATE_FILTERS) {
		const value = filters[key];
		if (!value) continue;
		const ms = Date.parse(value);
		if (Number.isNaN(ms)) return { ok: false, problem: `Filter "${label}" is not a date: ${JSON.stringify(value)}` };
		clauses.push(`${field} gt ${new Date(ms).toISOString()}`);
	}
	return { ok: true, value: clauses.join(' and ') };
}
