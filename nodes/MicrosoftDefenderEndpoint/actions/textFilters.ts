import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../core/operation/checks';
import { FilterClauses } from '../../core/transport/odata';

/** A Get Many filter that keeps the entries whose `name` field equals the text given. */
export const textFilter = (
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

/** `$filter` of equality clauses, one per text filter set, joined with and. */
export const equalityFilter = (filters: Record<string, string | undefined>): Checked<string> => {
	const clauses = new FilterClauses();
	for (const [field, value] of Object.entries(filters)) clauses.equals(field, value);
	return clauses.result();
};
