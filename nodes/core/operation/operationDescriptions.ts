import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { handlerRouting } from '../routing/handlerHook';
import type { ApiService } from '../transport/apiService';
import type { ApiOperation } from './apiOperation';

/** A resource's Operation list, one entry per operation module, in alphabetical order as n8n lists them. */
export function operationSelector(
	resource: string,
	operations: Record<string, ApiOperation>,
	defaultOperation: string,
	service: ApiService,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.entries(operations)
			.map(([value, operation]) => ({
				name: operation.option.name,
				value,
				// As a tool, n8n names and describes the node to the model by this action text alone.
				action: operation.option.action,
				description: operation.option.description,
				routing: handlerRouting(operation, service),
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}

/** The longest subtitle n8n 2.40's canvas shows without cutting it (the node's name is the action text already). */
export const SUBTITLE_LENGTH = 26;

/** The subtitle of one operation: "Isolate: Device", or the shortest form of it that fits. */
function subtitleOf(
	option: INodePropertyOptions,
	resourceName: string,
	short: string | undefined,
): string {
	const full = `${option.name}: ${resourceName}`;
	if (full.length <= SUBTITLE_LENGTH) return full;
	return short ?? option.name;
}

/**
 * The canvas subtitle, "Operation: Resource" by their display names, looked up from the Operation
 * lists by resource and operation value. A flat table, so no "}}" ends the expression.
 */
export function operationSubtitle(
	properties: INodeProperties[],
	shortNames: Record<string, string> = {},
): string {
	const resources = properties.find((property) => property.name === 'resource')?.options as
		| INodePropertyOptions[]
		| undefined;
	const resourceName = (value: string) =>
		resources?.find((option) => option.value === value)?.name ?? value;
	const subtitles: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || !property.options) continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of property.options as INodePropertyOptions[]) {
				const key = `${resource}:${String(option.value)}`;
				subtitles[key] = subtitleOf(option, resourceName(resource), shortNames[key]);
			}
		}
	}
	return `={{ (${JSON.stringify(subtitles)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}

/** Every operation's fields, in the order of the Operation list. */
export const operationFields = (operations: Record<string, ApiOperation>): INodeProperties[] =>
	Object.values(operations).flatMap((operation) => operation.description);
