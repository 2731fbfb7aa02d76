import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InvalidFilterError, buildMachineActionFilter } from './filters';
import type { MachineActionFilters } from './filters';
import type { MachineActionOperation } from './interfaces';
import { InvalidMachineActionIdError, assertMachineActionId } from './machineActionId';

const PATH_SUFFIX: Record<Exclude<MachineActionOperation, 'getAll'>, string> = {
	cancel: '/cancel',
	get: '',
};

function inputError(ctx: IExecuteSingleFunctions, error: unknown): never {
	throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
		itemIndex: ctx.getItemIndex(),
	});
}

const PATH_PREFIX = '/api/machineactions/';

/** The id in a path built by setMachineActionPath. */
export const machineActionIdFromPath = (path: string | undefined): string | undefined =>
	path?.startsWith(PATH_PREFIX) ? path.slice(PATH_PREFIX.length).split('/')[0] : undefined;

/** Validates the id and builds the path from it, so no unchecked text reaches the URL. */
export async function setMachineActionPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const operation = this.getNodeParameter('operation') as Exclude<MachineActionOperation, 'getAll'>;
	try {
		const id = assertMachineActionId(this.getNodeParameter('machineActionId'));
		requestOptions.url = `${PATH_PREFIX}${id}${PATH_SUFFIX[operation]}`;
	} catch (error) {
		if (error instanceof InvalidMachineActionIdError) inputError(this, error);
		throw error;
	}
	return requestOptions;
}

/** Sends the comment as Defender's case-sensitive `Comment`; an empty one is refused before sending. */
export async function setCancelComment(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const comment = this.getNodeParameter('comment', '') as unknown;
	const text = typeof comment === 'number' ? String(comment) : comment;
	if (typeof text !== 'string' || text.trim() === '') {
		inputError(this, new Error('Comment is empty: Defender requires a comment explaining why the action is cancelled'));
	}
	requestOptions.body = { Comment: text.trim() };
	return requestOptions;
}

/** Turns the Filters collection into Defender's `$filter`, with values quoted for OData. */
export async function setMachineActionFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as MachineActionFilters;
	try {
		const filter = buildMachineActionFilter(filters);
		if (filter) requestOptions.qs = { ...requestOptions.qs, $filter: filter };
	} catch (error) {
		if (error instanceof InvalidFilterError) inputError(this, error);
		throw error;
	}
	return requestOptions;
}
