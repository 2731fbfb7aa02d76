import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../operation';
import type { DefenderOperation } from '../operation';
import { simplifyField, simplifyIfAsked } from '../simplify';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';

export const option: DefenderOperation['option'] = {
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

export const execute: DefenderOperation['execute'] = async (ctx, client) => {
	const machine = await resolveMachine(client, readMachineLocator(ctx, client));
	const entity = await client.call(
		API_ENDPOINTS.machines,
		{ method: 'GET', url: `/api/machines/${machine.id}` },
		{ subject: `device ${machine.computerDnsName ?? machine.id}`, verb: 'read' },
	);
	return toItems(client, simplifyIfAsked(ctx, 'machine', [entity]));
};
