import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { simplifyField, simplifyIfAsked } from '../simplify';
import { checkMachineActionId, machineActionIdField, readMachineActionId } from './machineActionId';

export const option: ApiOperation['option'] = {
	name: 'Get',
	action: 'Get a device action',
	description: 'Get a device action by its ID',
	method: 'GET',
};

const properties: INodeProperties[] = [machineActionIdField, simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['machineAction'], operation: ['get'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const id = checkMachineActionId(readMachineActionId(ctx));
	if (!id.ok) throw client.inputError(id.problem);
	const action = await client.call(
		API_ENDPOINTS.getAction,
		{ method: 'GET', url: `/api/machineactions/${id.value}` },
		{ subject: `device action ${id.value}`, verb: 'read' },
	);
	return toItems(client, simplifyIfAsked(ctx, 'machineAction', [action]));
};
