import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { simplifyField, simplifyIfAsked } from '../simplify';
import { includeEvidenceOption } from './alertFilters';
import { alertIdField, readAlertId, readAlertIdParameter } from './alertId';

export const option: ApiOperation['option'] = {
	name: 'Get',
	action: 'Get an alert',
	description: 'Get an alert by its ID',
	method: 'GET',
};

const properties: INodeProperties[] = [
	alertIdField,
	simplifyField,
	optionsField([includeEvidenceOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['get'] } },
	properties,
);

export const includeEvidence = (ctx: IExecutePaginationFunctions): boolean =>
	(ctx.getNodeParameter('options', {}) as { includeEvidence?: boolean }).includeEvidence === true;

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const id = readAlertId(client, readAlertIdParameter(ctx));
	const alert = await client.call(
		API_ENDPOINTS.alerts,
		{
			method: 'GET',
			url: `/api/alerts/${id}`,
			qs: includeEvidence(ctx) ? { $expand: 'evidence' } : {},
		},
		{ subject: `alert ${id}`, verb: 'read' },
	);
	return toItems(client, simplifyIfAsked(ctx, 'alert', [alert]));
};
