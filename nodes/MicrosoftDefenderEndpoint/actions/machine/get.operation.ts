import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { simplifyField, simplifyIfAsked } from '../simplify';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';

export const option: ApiOperation['option'] = {
	name: 'Get',
	action: 'Get a device',
	description: 'Get a device by its ID or computer name',
	method: 'GET',
};

const properties: INodeProperties[] = [machineIdField, simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['get'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const machine = await resolveMachine(client, readMachineLocator(ctx, client));
	const entity = await client.call(
		API_ENDPOINTS.machines,
		{ method: 'GET', url: `/api/machines/${machine.id}` },
		{ subject: `device ${machine.computerDnsName ?? machine.id}`, verb: 'read' },
	);
	return toItems(client, simplifyIfAsked(ctx, 'machine', [entity]));
};
