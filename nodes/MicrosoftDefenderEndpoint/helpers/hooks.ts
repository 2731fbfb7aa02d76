import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { buildMachineActionFilter } from './filters';
import type { MachineActionFilters } from './filters';
import type { MachineActionOperation } from './interfaces';
import { checkMachineActionId } from './machineActionId';

const PATH_SUFFIX: Record<Exclude<MachineActionOperation, 'getAll'>, string> = {
	cancel: '/cancel',
	get: '',
};

function inputError(ctx: IExecuteSingleFunctions, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), problem, { itemIndex: ctx.getItemIndex() });
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
	const id = checkMachineActionId(this.getNodeParameter('machineActionId'));
	if (!id.ok) throw inputError(this, id.problem);
	requestOptions.url = `${PATH_PREFIX}${id.value}${PATH_SUFFIX[operation]}`;
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
		throw inputError(this, 'Comment is empty: Defender requires a comment explaining why the action is cancelled');
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
	const filter = buildMachineActionFilter(filters);
	if (!filter.ok) throw inputError(this, filter.problem);
	if (filter.value) requestOptions.qs = { ...requestOptions.qs, $filter: filter.value };
	return requestOptions;
}
