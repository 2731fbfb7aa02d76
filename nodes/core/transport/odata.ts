import type { IDataObject } from 'n8n-workflow';

import type { Checked } from '../operation/checks';

/** OData string literal: single quotes doubled. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The clauses of one `$filter`, joined with and; values quoted for OData, dates checked. */
export class FilterClauses {
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

	/** Makes the filter fail with `problem`, unless an earlier clause already did. */
	protected refuse(problem: string): void {
		this.problem ??= problem;
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
		if (Number.isNaN(ms))
			this.problem ??= `Filter "${label}" is not a date: ${JSON.stringify(value)}`;
		else this.clauses.push(`${field} ${operator} ${new Date(ms).toISOString()}`);
		return this;
	}

	result(): Checked<string> {
		return this.problem
			? { ok: false, problem: this.problem }
			: { ok: true, value: this.clauses.join(' and ') };
	}
}

/** An entity as the node outputs it: without the OData context URL the service adds to single answers. */
export const withoutODataContext = (json: IDataObject): IDataObject => {
	const entity = { ...json };
	delete entity['@odata.context'];
	return entity;
};
