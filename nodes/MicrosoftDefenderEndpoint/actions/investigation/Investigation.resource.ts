import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads, stringKey } from '../../../core/operation/entityShapes';
import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as getAll from './getAll.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

const investigationIdField: INodeProperties = {
	displayName: 'Investigation ID',
	name: 'investigationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 63017',
	description: "The investigation's ID, a number",
};

/** Defender's investigation ids are numbers (63017). */
function checkInvestigationId(raw: unknown): Checked<string> {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (/^\d{1,18}$/.test(text)) return { ok: true, value: text };
	return {
		ok: false,
		problem: `Investigation ID must be a number such as 63017, got ${describeInput(raw)}`,
	};
}

const reads = entityReads('investigation', {
	get: {
		option: {
			name: 'Get',
			action: 'Get an automated investigation',
			description:
				'Get an automated investigation by its ID: its state, device and triggering alert',
		},
		endpoint: API_ENDPOINTS.investigations,
		key: stringKey(investigationIdField, checkInvestigationId, 'investigation'),
		path: (id) => `/api/investigations/${id}`,
		answer: 'one',
		verb: 'read',
	},
});

export const operations = { ...reads, getAll };

export const description: INodeProperties[] = [
	operationSelector('investigation', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
