import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { checkOneOf } from '../../../core/operation/checks';
import { asOptions, optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { machineIdField, readMachineLocator, resolveMachine } from './machineLocator';

/** The values Defender takes for a device's value. */
const DEVICE_VALUES = ['Low', 'Normal', 'High'] as const;

export const option: ApiOperation['option'] = {
	name: 'Set Device Value',
	action: 'Set the value of a device',
	description:
		'Mark a device as of Low, Normal or High value, as playbooks that skip or prioritise high-value devices read it',
	method: 'POST',
};

const properties: INodeProperties[] = [
	machineIdField,
	{
		displayName: 'Device Value',
		name: 'deviceValue',
		type: 'options',
		options: asOptions(DEVICE_VALUES),
		default: 'Normal',
		description: "The device's value to the organisation",
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['setDeviceValue'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const locator = readMachineLocator(ctx, client);
	const value = checkOneOf(ctx.getNodeParameter('deviceValue', ''), DEVICE_VALUES, 'Device Value');
	if (!value.ok) throw client.inputError(value.problem);
	const machine = await resolveMachine(client, locator);
	const updated = await client.call(
		API_ENDPOINTS.setDeviceValue,
		{
			method: 'POST',
			url: `/api/machines/${machine.id}/setDeviceValue`,
			headers: { 'Content-Type': 'application/json' },
			body: { DeviceValue: value.value },
		},
		{ subject: `device ${machine.computerDnsName ?? machine.id}`, verb: 'set the value of' },
	);
	return toItems(client, [updated]);
};
