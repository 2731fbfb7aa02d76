import type {
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiMethod } from '../transport/apiEndpoint';
import type { ApiClient } from '../transport/apiClient';
import { withoutODataContext } from '../transport/odata';

/** Runs one item of an operation: reads its parameters, calls the service through `client`, returns its items. */
export type OperationHandler = (
	ctx: IExecutePaginationFunctions,
	client: ApiClient,
) => Promise<INodeExecutionData[]>;

/** One operation of a resource: its line in the Operation list, its fields, and what it does. */
export interface ApiOperation {
	/** The Operation list's entry; its value is the operation's key in the resource file. */
	option: { name: string; action: string; description: string; method: ApiMethod };
	/** The operation's fields, shown only for its resource and operation. */
	description: INodeProperties[];
	execute: OperationHandler;
}

export const toItems = (client: ApiClient, entries: IDataObject[]): INodeExecutionData[] =>
	entries.map((json) => ({ json: withoutODataContext(json), pairedItem: client.paired }));
