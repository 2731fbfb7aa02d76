import type { INodeProperties, INodePropertyOptions, PreSendAction } from 'n8n-workflow';

import { setCancelComment, setMachineActionFilter, setMachineActionPath } from '../../helpers/hooks';

import { executeMachineActionRequest } from '../../helpers/request';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Every operation runs its requests through the node's own retry and paging loop. */
// Per-operation hooks rather than per-field routing: the engine evaluates a field's expression again for each routing it has.
const runThroughNodeLoop = (
	request: NonNullable<INodePropertyOptions['routing']>['request'],
	preSend: PreSendAction[],
): INodePropertyOptions['routing'] => ({
	request,
	send: { paginate: true, preSend },
	operations: { pagination: executeMachineActionRequest },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['machineAction'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a machine action',
				description: 'Cancel a machine action that is not yet in a final state',
				routing: runThroughNodeLoop({ method: 'POST', headers: { 'Content-Type': 'application/json' } }, [
					setMachineActionPath,
					setCancelComment,
				]),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a machine action',
				description: 'Get a machine action by its ID',
				routing: runThroughNodeLoop({ method: 'GET' }, [setMachineActionPath]),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many machine actions',
				description: 'List machine actions, optionally filtered',
				routing: runThroughNodeLoop({ method: 'GET', url: '/api/machineactions' }, [setMachineActionFilter]),
			},
		],
		default: 'cancel',
	},
	...cancel.description,
	...get.description,
	...getAll.description,
];
