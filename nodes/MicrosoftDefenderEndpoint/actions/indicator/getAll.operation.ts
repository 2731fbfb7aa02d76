import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import {
	asOptions,
	filtersField,
	optionsField,
	returnAllAndLimit,
} from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { FilterClauses } from '../../../core/transport/odata';
import { listOperation } from '../../../core/operation/listShape';
import { indicatorSimplifyField, simplifying } from '../simplify';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { INDICATOR_ACTIONS, INDICATOR_TYPES, TYPE_LABELS } from './indicatorValue';

export const option: ApiOperation['option'] = {
	name: 'Get Many',
	action: 'Get many indicators',
	description:
		'List the active indicators, optionally filtered. With Ti.ReadWrite, Defender lists only those this app created.',
	method: 'GET',
};

const filters: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'indicatorType',
		type: 'multiOptions',
		options: INDICATOR_TYPES.map((value) => ({ name: TYPE_LABELS[value], value })),
		default: [],
		description: 'Only indicators of one of these types',
	},
	{
		displayName: 'Value',
		name: 'indicatorValue',
		type: 'string',
		default: '',
		description: 'Only the indicator of this exact value',
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'multiOptions',
		options: asOptions(INDICATOR_ACTIONS),
		default: [],
		description: 'Only indicators with one of these actions',
	},
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'multiOptions',
		options: asOptions(['Informational', 'Low', 'Medium', 'High']),
		default: [],
		description: 'Only indicators of one of these severities',
	},
	{
		displayName: 'Created By',
		name: 'createdBy',
		type: 'string',
		default: '',
		description: 'Only indicators created by this user or app (its user name or application ID)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Only indicators with this exact title',
	},
];

export interface IndicatorFilters {
	indicatorType?: string[];
	indicatorValue?: string;
	action?: string[];
	severity?: string[];
	createdBy?: string;
	title?: string;
}

export const buildIndicatorFilter = (chosen: IndicatorFilters) =>
	new FilterClauses()
		.anyOf('indicatorType', chosen.indicatorType)
		.equals('indicatorValue', chosen.indicatorValue)
		.anyOf('action', chosen.action)
		.anyOf('severity', chosen.severity)
		.equals('createdBy', chosen.createdBy)
		.equals('title', chosen.title)
		.result();

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	indicatorSimplifyField,
	filtersField(filters),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['getAll'] } },
	properties,
);

export const execute = listOperation<IndicatorFilters>({
	simplify: simplifying('indicator'),
	endpoint: API_ENDPOINTS.listIndicators,
	url: '/api/indicators',
	subject: 'indicators',
	buildFilter: buildIndicatorFilter,
});
