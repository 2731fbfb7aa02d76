import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ApiOperation } from '../operation/apiOperation';
import { createApiClient } from '../transport/apiClient';
import type { ApiService } from '../transport/apiService';
import { keepAnswerHeaders, routingHost } from './requestAdapters';

/**
 * The routing of one operation: n8n hands a declarative node the request loop only through
 * `operations.pagination`, so each operation's routing runs its own handler there, with pacing,
 * retry and paging. The option's routing is the dispatch: there is no second map to keep in step.
 */
export function handlerRouting(
	operation: ApiOperation,
	service: ApiService,
): NonNullable<INodePropertyOptions['routing']> {
	return {
		request: { method: operation.option.method },
		send: { paginate: true },
		// Keeps each answer's headers for the client: the service's Date header tells its clock.
		output: { postReceive: [keepAnswerHeaders] },
		operations: {
			async pagination(
				this: IExecutePaginationFunctions,
				requestData: DeclarativeRestApiSettings.ResultOptions,
			): Promise<INodeExecutionData[]> {
				const client = createApiClient(await routingHost(this, requestData, service));
				return await operation.execute(this, client);
			},
		},
	};
}
