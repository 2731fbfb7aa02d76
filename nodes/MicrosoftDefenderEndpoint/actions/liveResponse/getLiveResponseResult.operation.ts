import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { BINARY_PROPERTY_PATTERN, describeInput } from '../../../core/operation/checks';
import { optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { withoutODataContext } from '../../../core/transport/odata';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { commandResult, commandsOf, notReadyReason } from './liveResponseResult';
import {
	checkMachineActionId,
	machineActionIdField,
	readMachineActionId,
} from '../machineAction/machineActionId';

export const option: ApiOperation['option'] = {
	name: 'Get Live Response Result',
	action: 'Get the result of a live response command',
	description:
		"Read a Run Script's output, or download a Get File's file, from a live response action",
	method: 'GET',
};

const properties: INodeProperties[] = [
	{
		...machineActionIdField,
		description: 'The ID of the live response action that Run Live Response returned',
	},
	{
		displayName: 'Command Index',
		name: 'commandIndex',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		required: true,
		default: 0,
		description:
			"The command's index in the action, counted from 0 in the order the commands were given",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: "The binary field a Get File command's file is written to",
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machineAction'], operation: ['getLiveResponseResult'] } },
	properties,
);

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const id = checkMachineActionId(readMachineActionId(ctx));
	if (!id.ok) throw client.inputError(id.problem);
	const rawIndex = ctx.getNodeParameter('commandIndex', 0) as unknown;
	const index =
		typeof rawIndex === 'string' && rawIndex.trim() !== '' ? Number(rawIndex) : rawIndex;
	if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 1000) {
		throw client.inputError(
			`Command Index must be a whole number from 0, got ${describeInput(rawIndex)}`,
		);
	}
	const rawProperty = ctx.getNodeParameter('binaryPropertyName', 'data') as unknown;
	const property = typeof rawProperty === 'string' ? rawProperty.trim() : '';
	if (!BINARY_PROPERTY_PATTERN.test(property)) {
		throw client.inputError(
			`Put Output File in Field must be a field name such as data, got ${describeInput(rawProperty)}`,
		);
	}
	const action = withoutODataContext(
		await client.call(
			API_ENDPOINTS.getAction,
			{ method: 'GET', url: `/api/machineactions/${id.value}` },
			{ subject: `machine action ${id.value}`, verb: 'read' },
		),
	);
	if (action.type !== 'LiveResponse') {
		throw client.inputError(
			`Machine action ${id.value} is of type ${String(action.type)}, not a live response`,
			'Give the ID of the action that "Run Live Response" returned.',
		);
	}
	const commands = commandsOf(action);
	const entry = commands.find((candidate) => Number(candidate.index) === index);
	if (!entry) {
		throw client.inputError(
			`Live response action ${id.value} has no command ${index}: its commands are numbered 0 to ${commands.length - 1}`,
		);
	}
	const type = String((entry.command as { type?: unknown } | undefined)?.type);
	if (type === 'PutFile') {
		throw client.inputError(
			`Command ${index} of live response action ${id.value} is a Put File, which has no result to get`,
		);
	}
	if (entry.commandStatus !== 'Completed') {
		throw client.inputError(
			`The result of command ${index} of live response action ${id.value} is not ready: ${notReadyReason(entry, action)}`,
			'Run Live Response with Wait for Final Status waits for it; or run this again once the command is Completed.',
		);
	}
	const result = await commandResult(ctx, client, action, entry, {
		scriptResults: true,
		downloadFiles: true,
		binaryProperty: () => property,
	});
	const json = { machineActionId: id.value, actionStatus: action.status, ...result.json };
	return [
		{
			json,
			...(result.binary ? { binary: { [result.binary.property]: result.binary.data } } : {}),
			pairedItem: client.paired,
		},
	];
};
