import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { getAlert, updateAlert } from './alerts';
import type { AlertUpdateFields } from './alerts';
import { API_ENDPOINTS } from './apiEndpoints';
import type { ApiEndpoint } from './apiEndpoints';
import { cancelMachineAction } from './cancel';
import { buildAlertFilter, buildMachineActionFilter, buildMachineFilter } from './filters';
import type { AlertFilters, MachineActionFilters, MachineFilters } from './filters';
import { getInvestigationPackage } from './investigationPackage';
import { LAUNCHES, isLaunchOperation, launchMachineAction } from './launch';
import type { Checked } from './interfaces';
import { checkMachineActionId } from './machineActionId';
import { checkMachineLocator, resolveMachine } from './machineLocator';
import { listPages } from './paging';
import { createDefenderClient, routingHost, withoutODataContext } from './transport';
import type { DefenderClient } from './transport';

type Handler = (ctx: IExecutePaginationFunctions, client: DefenderClient) => Promise<INodeExecutionData[]>;

const items = (client: DefenderClient, entries: IDataObject[]): INodeExecutionData[] =>
	entries.map((json) => ({ json: withoutODataContext(json), pairedItem: client.paired }));

/** The comment Defender requires on a cancel or launch; an empty one is refused before sending. */
function readComment(ctx: IExecutePaginationFunctions, client: DefenderClient, purpose: string): string {
	const raw = ctx.getNodeParameter('comment', '') as unknown;
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '') {
		throw client.inputError(`Comment is empty: Defender requires a comment explaining why ${purpose}`);
	}
	return text.trim();
}

const listLimit = (ctx: IExecutePaginationFunctions) =>
	(ctx.getNodeParameter('returnAll', false) as boolean) ? Infinity : (ctx.getNodeParameter('limit', 50) as number);

interface ListSpec<F> {
	endpoint: ApiEndpoint;
	url: string;
	subject: string;
	buildFilter: (filters: F) => Checked<string>;
	/** Query parameters besides $filter (the alerts' $expand). */
	extraQuery?: (ctx: IExecutePaginationFunctions) => IDataObject;
	/** The machines list answers 404 when nothing matches. */
	notFoundIsEmpty?: boolean;
}

/** Get Many of any resource: its Filters as one $filter, Return All / Limit, every page. */
const listHandler =
	<F>(spec: ListSpec<F>): Handler =>
	async (ctx, client) => {
		const filter = spec.buildFilter(ctx.getNodeParameter('filters', {}) as F);
		if (!filter.ok) throw client.inputError(filter.problem);
		const qs: IDataObject = { ...(filter.value ? { $filter: filter.value } : {}), ...spec.extraQuery?.(ctx) };
		const entries = await listPages(client, spec.endpoint, { method: 'GET', url: spec.url, qs }, listLimit(ctx), {
			subject: spec.subject,
			verb: 'read',
		}, { notFoundIsEmpty: spec.notFoundIsEmpty });
		return items(client, entries);
	};

function readMachineLocator(ctx: IExecutePaginationFunctions, client: DefenderClient) {
	const locator = checkMachineLocator(ctx.getNodeParameter('machineId', undefined));
	if (!locator.ok) throw client.inputError(locator.problem);
	return locator.value;
}

/** The id whether the parameter holds a resource locator or, in workflows saved before it was one, a plain string. */
const readMachineActionId = (ctx: IExecutePaginationFunctions): unknown =>
	ctx.getNodeParameter('machineActionId', undefined, { extractValue: true });

const MACHINE_ACTION_HANDLERS: Record<string, Handler> = {
	cancel: async (ctx, client) => {
		const machineActionId = readMachineActionId(ctx);
		const comment = readComment(ctx, client, 'the action is cancelled');
		return items(client, [await cancelMachineAction(client, { machineActionId, comment })]);
	},
	get: async (ctx, client) => {
		const id = checkMachineActionId(readMachineActionId(ctx));
		if (!id.ok) throw client.inputError(id.problem);
		const action = await client.call(
			API_ENDPOINTS.getAction,
			{ method: 'GET', url: `/api/machineactions/${id.value}` },
			{ subject: `machine action ${id.value}`, verb: 'read' },
		);
		return items(client, [action]);
	},
	getAll: listHandler<MachineActionFilters>({
		endpoint: API_ENDPOINTS.listActions,
		url: '/api/machineactions',
		subject: 'machine actions',
		buildFilter: buildMachineActionFilter,
	}),
	getInvestigationPackage: async (ctx, client) => {
		const options = ctx.getNodeParameter('options', {}) as { returnLinkOnly?: boolean };
		return [
			await getInvestigationPackage(ctx, client, {
				machineActionId: readMachineActionId(ctx),
				binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', 'data'),
				linkOnly: options.returnLinkOnly === true,
			}),
		];
	},
};

const MACHINE_HANDLERS: Record<string, Handler> = {
	get: async (ctx, client) => {
		const machine = await resolveMachine(client, readMachineLocator(ctx, client));
		const entity = await client.call(
			API_ENDPOINTS.machines,
			{ method: 'GET', url: `/api/machines/${machine.id}` },
			{ subject: `device ${machine.computerDnsName ?? machine.id}`, verb: 'read' },
		);
		return items(client, [entity]);
	},
	getAll: listHandler<MachineFilters>({
		endpoint: API_ENDPOINTS.machines,
		url: '/api/machines',
		subject: 'devices',
		buildFilter: buildMachineFilter,
		notFoundIsEmpty: true,
	}),
};

const includeEvidence = (ctx: IExecutePaginationFunctions) =>
	(ctx.getNodeParameter('options', {}) as { includeEvidence?: boolean }).includeEvidence === true;

const ALERT_HANDLERS: Record<string, Handler> = {
	get: async (ctx, client) => items(client, [await getAlert(client, ctx.getNodeParameter('alertId'), includeEvidence(ctx))]),
	getAll: listHandler<AlertFilters>({
		endpoint: API_ENDPOINTS.alerts,
		url: '/api/alerts',
		subject: 'alerts',
		buildFilter: buildAlertFilter,
		extraQuery: (ctx): IDataObject => (includeEvidence(ctx) ? { $expand: 'evidence' } : {}),
	}),
	update: async (ctx, client) => {
		const fields = ctx.getNodeParameter('updateFields', {}) as AlertUpdateFields;
		return items(client, [await updateAlert(client, ctx.getNodeParameter('alertId'), fields)]);
	},
};

const HANDLERS_BY_RESOURCE: Record<string, Record<string, Handler>> = {
	alert: ALERT_HANDLERS,
	machineAction: MACHINE_ACTION_HANDLERS,
};

function handlerFor(resource: string, operation: string): Handler | undefined {
	if (resource !== 'machine') return HANDLERS_BY_RESOURCE[resource]?.[operation];
	if (!isLaunchOperation(operation)) return MACHINE_HANDLERS[operation];
	const spec = LAUNCHES[operation];
	return async (ctx, client) => {
		const locator = readMachineLocator(ctx, client);
		const comment = readComment(ctx, client, `the ${spec.actionType} action is launched`);
		const parameter = (name: string) => ctx.getNodeParameter(name, undefined) as unknown;
		return items(client, [await launchMachineAction(client, spec, { locator, comment, parameter })]);
	};
}

/**
 * Runs every Defender request of one item. The declarative engine hands a node the request
 * loop only through `routing.operations.pagination`, so pacing, retry and paging live here.
 */
export async function executeDefenderOperation(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource') as string;
	const operation = this.getNodeParameter('operation') as string;
	const handler = handlerFor(resource, operation);
	const client = createDefenderClient(await routingHost(this, requestData));
	if (!handler) throw client.inputError(`The node has no operation "${operation}" for resource "${resource}"`);
	return await handler(this, client);
}
