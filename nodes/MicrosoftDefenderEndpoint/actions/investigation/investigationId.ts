import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { stringKey } from '../../../core/operation/entityShapes';

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

/** An investigation by its ID, checked before it reaches a URL. */
export const investigationKey = stringKey(
	investigationIdField,
	checkInvestigationId,
	'investigation',
);
