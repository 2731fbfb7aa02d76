import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { checkOneOf, describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { hostClock } from '../../../core/transport/hostClock';
import type { ApiClient } from '../../../core/transport/apiClient';
import {
	ACTIONS_FOR_TYPE,
	INDICATOR_ACTIONS,
	INDICATOR_TYPES,
	TYPE_LABELS,
	checkIndicatorValue,
} from './indicatorValue';
import type { IndicatorAction, IndicatorType } from './indicatorValue';

import { INDICATOR_SEVERITIES } from './indicatorFields';

/** The Options of one indicator, as the engine reads them. */
interface IndicatorOptions {
	application?: string;
	rbacGroupNames?: unknown;
	expirationTime?: unknown;
	generateAlert?: boolean;
	recommendedActions?: string;
	severity?: string;
}

/** An n8n date (text, JS Date or Luxon DateTime) as ISO UTC, in the future. */
function checkExpiration(raw: unknown): Checked<string | undefined> {
	if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined };
	const luxon = raw as { toISO?: () => string | null };
	const text =
		raw instanceof Date
			? raw.toISOString()
			: typeof luxon.toISO === 'function'
				? luxon.toISO()
				: raw;
	const ms = typeof text === 'string' ? Date.parse(text) : NaN;
	if (Number.isNaN(ms))
		return { ok: false, problem: `Expiration ${describeInput(raw)} is not a date` };
	if (ms <= hostClock.now())
		return {
			ok: false,
			problem: `Expiration ${new Date(ms).toISOString()} is in the past: Defender would delete the indicator at once`,
		};
	return { ok: true, value: new Date(ms).toISOString() };
}

function checkGroups(raw: unknown): Checked<string[]> {
	const names = (
		Array.isArray(raw)
			? raw
			: typeof raw === 'string'
				? raw.split(',')
				: raw === undefined
					? []
					: [raw]
	).map((name) => (typeof name === 'string' ? name.trim() : name));
	const bad = names.find(
		(name) => typeof name !== 'string' || [...name].some((ch) => ch.charCodeAt(0) < 0x20),
	);
	if (bad !== undefined)
		return { ok: false, problem: `Device group ${describeInput(bad)} is not a group name` };
	return { ok: true, value: (names as string[]).filter((name) => name !== '') };
}

const requiredText = (raw: unknown, label: string): Checked<string> => {
	const text = typeof raw === 'number' ? String(raw) : raw;
	return typeof text === 'string' && text.trim() !== ''
		? { ok: true, value: text.trim() }
		: { ok: false, problem: `${label} is empty: Defender requires it` };
};

/** Reads and checks one item's indicator; a problem names the item, and nothing is sent for it. */
export function readIndicator(ctx: IExecutePaginationFunctions, client: ApiClient): IDataObject {
	const fail = (problem: string) => client.inputError(`Item ${client.itemIndex}: ${problem}`);
	const type = checkOneOf(
		ctx.getNodeParameter('indicatorType', undefined),
		INDICATOR_TYPES,
		'Type',
	);
	if (!type.ok) throw fail(type.problem);
	const indicatorType = type.value as IndicatorType;
	const value = checkIndicatorValue(
		indicatorType,
		ctx.getNodeParameter('indicatorValue', undefined),
	);
	if (!value.ok) throw fail(value.problem);
	const action = checkOneOf(ctx.getNodeParameter('action', undefined), INDICATOR_ACTIONS, 'Action');
	if (!action.ok) throw fail(action.problem);
	const allowed = ACTIONS_FOR_TYPE[indicatorType];
	if (!allowed.includes(action.value as IndicatorAction)) {
		throw fail(
			`Action ${action.value} is not one Defender takes for ${TYPE_LABELS[indicatorType]} indicators; it takes ${allowed.join(', ')}`,
		);
	}
	const title = requiredText(ctx.getNodeParameter('title', ''), 'Title');
	if (!title.ok) throw fail(title.problem);
	const description = requiredText(ctx.getNodeParameter('description', ''), 'Description');
	if (!description.ok) throw fail(description.problem);
	const options = ctx.getNodeParameter('options', {}) as IndicatorOptions;
	const expiration = checkExpiration(options.expirationTime);
	if (!expiration.ok) throw fail(expiration.problem);
	const groups = checkGroups(options.rbacGroupNames);
	if (!groups.ok) throw fail(groups.problem);
	if (options.severity !== undefined) {
		const severity = checkOneOf(options.severity, INDICATOR_SEVERITIES, 'Severity');
		if (!severity.ok) throw fail(severity.problem);
	}
	if (action.value === 'Audit' && options.generateAlert === false) {
		throw fail('Generate Alert is off, but Defender requires an alert for the Audit action');
	}
	const generateAlert = options.generateAlert ?? (action.value === 'Audit' ? true : undefined);
	const body: IDataObject = {
		indicatorValue: value.value,
		indicatorType,
		action: action.value,
		title: title.value,
		description: description.value,
		...(options.severity ? { severity: options.severity } : {}),
		...(expiration.value ? { expirationTime: expiration.value } : {}),
		...(options.recommendedActions?.trim()
			? { recommendedActions: options.recommendedActions.trim() }
			: {}),
		...(groups.value.length ? { rbacGroupNames: groups.value } : {}),
		...(generateAlert !== undefined ? { generateAlert } : {}),
		...(options.application?.trim() ? { application: options.application.trim() } : {}),
	};
	return body;
}
