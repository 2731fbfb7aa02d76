import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../operation';
import type { DefenderOperation } from '../operation';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';

export const option: DefenderOperation['option'] = {
	name: 'Get Logged-On Users',
	action: 'Get the users logged on to a device',
	description:
		'List the accounts seen logging on to a device, one item per user, with logon types and whether each is a domain admin',
	method: 'GET',
};

const properties: INodeProperties[] = [machineIdField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['getLoggedOnUsers'] } },
	properties,
);

export const execute: DefenderOperation['execute'] = async (ctx, client) => {
	const machine = await resolveMachine(client, readMachineLocator(ctx, client));
	const answer = await client.call(
		API_ENDPOINTS.getLoggedOnUsers,
		{ method: 'GET', url: `/api/machines/${machine.id}/logonusers` },
		{
			subject: `device ${machine.computerDnsName ?? machine.id}`,
			verb: 'read the logged-on users of',
		},
	);
	const users = Array.isArray(answer.value) ? (answer.value as IDataObject[]) : [];
	return toItems(client, users);
};
