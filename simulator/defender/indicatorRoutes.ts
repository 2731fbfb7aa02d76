import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { filtered, page } from '../core/odata/odata';
import { jsonBody } from '../core/requestBody';

/** Either role allows every indicator API; with Ti.ReadWrite an app sees only the indicators it created. */
export const INDICATOR_ROLES = ['Ti.ReadWrite', 'Ti.ReadWrite.All'];
/** Entries one import or batch delete takes. */
export const INDICATOR_BATCH_SIZE = 500;

const INDICATOR_FILTER_FIELDS = [
	'application',
	'createdByDisplayName',
	'expirationTime',
	'generateAlert',
	'title',
	'rbacGroupNames',
	'rbacGroupIds',
	'indicatorValue',
	'indicatorType',
	'creationTimeDateTimeUtc',
	'createdBy',
	'action',
	'severity',
];

const listOf = (params: Record<string, unknown>, key: string, what: string): unknown[] => {
	const list = params[key];
	if (!Array.isArray(list) || list.length === 0)
		throw new HttpProblem(400, 'InvalidInput', `${key} must hold at least one ${what}`);
	if (list.length > INDICATOR_BATCH_SIZE) {
		throw new HttpProblem(
			400,
			'MaximumBatchSizeExceeded',
			`Maximum batch size exceeded: ${list.length} ${what}s, at most ${INDICATOR_BATCH_SIZE} per call`,
		);
	}
	return list;
};

export const INDICATOR_ROUTES: ApiRoute[] = [
	{
		method: 'GET',
		path: '/api/indicators',
		api: 'listIndicators',
		roles: INDICATOR_ROLES,
		handle: (state, { app, url }) => {
			const visible = filtered(
				state.indicators.visibleTo(app),
				url,
				INDICATOR_FILTER_FIELDS,
				['expirationTime', 'creationTimeDateTimeUtc'],
				{
					arrayFields: ['rbacGroupNames', 'rbacGroupIds'],
				},
			);
			// Defender's page documents $top (at most 10,000) and $skip, and no next link.
			return [
				200,
				page(visible, url, `${state.url}/api/$metadata#Indicators`, {
					...state.paging(),
					nextLink: false,
				}),
			];
		},
	},
	{
		method: 'POST',
		path: '/api/indicators',
		api: 'submitIndicator',
		roles: INDICATOR_ROLES,
		handle: (state, { app, req, body }) => [
			200,
			{
				'@odata.context': `${state.url}/api/$metadata#Indicators/$entity`,
				...state.indicators.submit(app, jsonBody(req, body)),
			},
		],
	},
	{
		method: 'DELETE',
		path: '/api/indicators/{id}',
		api: 'deleteIndicator',
		roles: INDICATOR_ROLES,
		handle: (state, { app, id }) => {
			state.indicators.indicators.delete(state.indicators.find(app, id).id);
			return [204, undefined];
		},
	},
	{
		method: 'POST',
		path: '/api/indicators/import',
		api: 'importIndicators',
		roles: INDICATOR_ROLES,
		handle: (state, { app, req, body }) => {
			const entries = listOf(jsonBody(req, body), 'Indicators', 'indicator');
			// A malformed element fails the whole call; a refused one fails only its own result.
			entries.forEach((entry, index) => {
				if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
					throw new HttpProblem(400, 'InvalidRequestBody', `Indicators[${index}] is not an object`);
				}
			});
			const value = (entries as Array<Record<string, unknown>>).map((entry) => {
				const indicator = String(entry.indicatorValue ?? '');
				try {
					return {
						id: state.indicators.submit(app, entry).id,
						indicator,
						isFailed: false,
						failureReason: null,
					};
				} catch (error) {
					if (!(error instanceof HttpProblem)) throw error;
					return { id: null, indicator, isFailed: true, failureReason: error.message };
				}
			});
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)`,
					value,
				},
			];
		},
	},
	{
		method: 'POST',
		path: '/api/indicators/BatchDelete',
		api: 'batchDeleteIndicators',
		roles: INDICATOR_ROLES,
		handle: (state, { app, req, body }) => {
			const ids = listOf(jsonBody(req, body), 'IndicatorIds', 'id').map(String);
			const invalid = ids.find((id) => !/^\d+$/.test(id));
			if (invalid !== undefined)
				throw new HttpProblem(400, 'InvalidInput', `Invalid indicator id: ${invalid}`);
			// Defender checks every id first: one unknown id fails the call and deletes nothing [U].
			const found = ids.map((id) => state.indicators.find(app, id));
			for (const indicator of found) state.indicators.indicators.delete(indicator.id);
			return [204, undefined];
		},
	},
];
