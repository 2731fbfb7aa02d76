import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionError,
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	INodeListSearchResult,
} from 'n8n-workflow';

import { MicrosoftDefenderEndpointAssertionApi } from '../../credentials/MicrosoftDefenderEndpointAssertionApi.credentials';
import { MicrosoftDefenderEndpointOAuth2Api } from '../../credentials/MicrosoftDefenderEndpointOAuth2Api.credentials';
import { MicrosoftDefenderXdrAssertionApi } from '../../credentials/MicrosoftDefenderXdrAssertionApi.credentials';
import { MicrosoftDefenderXdrOAuth2Api } from '../../credentials/MicrosoftDefenderXdrOAuth2Api.credentials';
import { MicrosoftDefenderEndpoint } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node';
import { MicrosoftDefenderEndpointTrigger } from '../../nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpointTrigger.node';
import { MicrosoftDefenderXdr } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdr.node';
import { MicrosoftDefenderXdrTrigger } from '../../nodes/MicrosoftDefenderXdr/MicrosoftDefenderXdrTrigger.node';
import { DEFAULT_APP } from '../../simulator/server';
import type { DefenderSimulator } from '../../simulator/server';
import { InMemoryCredentialsHelper } from './credentialsHelper';

export const DEFENDER_NODE_TYPE = 'n8n-nodes-defender-endpoint.microsoftDefenderEndpoint';
export const TRIGGER_NODE_TYPE = 'n8n-nodes-defender-endpoint.microsoftDefenderEndpointTrigger';
export const XDR_NODE_TYPE = 'n8n-nodes-defender-endpoint.microsoftDefenderXdr';
export const XDR_TRIGGER_NODE_TYPE = 'n8n-nodes-defender-endpoint.microsoftDefenderXdrTrigger';
const SOURCE_NODE_TYPE = 'test.items';
export const CREDENTIAL_ID = 'defender-credential';

/** Emits the items given in its `items` parameter: the upstream data a trigger would bring. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: SOURCE_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		// An item's `$binary` becomes its binary data (base64 `data`, `fileName`, `mimeType` per field).
		return [
			(JSON.parse(raw) as IDataObject[]).map(({ $binary, ...json }) => ({
				json,
				...($binary ? { binary: $binary as IBinaryKeyData } : {}),
			})),
		];
	}
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[DEFENDER_NODE_TYPE]: new MicrosoftDefenderEndpoint(),
		[TRIGGER_NODE_TYPE]: new MicrosoftDefenderEndpointTrigger(),
		[XDR_NODE_TYPE]: new MicrosoftDefenderXdr(),
		[XDR_TRIGGER_NODE_TYPE]: new MicrosoftDefenderXdrTrigger(),
		[SOURCE_NODE_TYPE]: new ItemsSource(),
	};

	register(name: string, type: INodeType | IVersionedNodeType): void {
		this.types[name] = type;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}

export function simulatorCredential(simulator: DefenderSimulator): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		apiUrl: simulator.url,
		tokenUrl: simulator.tokenUrl(),
		applicationId: DEFAULT_APP.clientId,
		applicationSecret: DEFAULT_APP.clientSecret,
	};
}

export interface NodeRunOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	credential: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Reuse a store between runs, as n8n keeps a credential's token between executions. */
	credentials?: InMemoryCredentialsHelper;
	/** Called once the execution has started, with a function that cancels it. */
	onStarted?: (cancel: () => void) => void;
	/** Another node in the Defender node's place (the benchmark's HTTP Request node). */
	node?: NodeUnderTest;
	/** The Defender node's version; 1 unless given, as the workflows saved with it hold. */
	typeVersion?: number;
}

export interface NodeUnderTest {
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
	credentialType: string;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
	credentials: InMemoryCredentialsHelper;
}

const nodeTypes = new TestNodeTypes();
const defenderCredentialType = new MicrosoftDefenderEndpointOAuth2Api();
const xdrCredentialType = new MicrosoftDefenderXdrOAuth2Api();
const credentialTypes: Record<string, ICredentialType> = {
	[defenderCredentialType.name]: defenderCredentialType,
	[xdrCredentialType.name]: xdrCredentialType,
	oAuth2Api: { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] },
	microsoftDefenderEndpointAssertionApi: new MicrosoftDefenderEndpointAssertionApi(),
	microsoftDefenderXdrAssertionApi: new MicrosoftDefenderXdrAssertionApi(),
};

/** Makes another node and credential type runnable here, as n8n's node loader would. */
export function registerTypes(
	nodes: Record<string, INodeType | IVersionedNodeType>,
	credentials: ICredentialType[],
): void {
	for (const [name, type] of Object.entries(nodes)) nodeTypes.register(name, type);
	for (const type of credentials) credentialTypes[type.name] = type;
}

export function createCredentialStore(
	credential: ICredentialDataDecryptedObject,
): InMemoryCredentialsHelper {
	const store = new InMemoryCredentialsHelper(credentialTypes, nodeTypes);
	store.stored.set(CREDENTIAL_ID, credential);
	return store;
}

interface DefenderWorkflow {
	workflow: Workflow;
	defender: INode;
	source: INode;
	additionalData: IWorkflowExecuteAdditionalData;
	credentials: InMemoryCredentialsHelper;
}

/** The saved workflow and n8n's Workflow object for the given nodes. */
function workflowOf(
	id: string,
	nodes: INode[],
	connections: IWorkflowBase['connections'],
	active = false,
) {
	const workflowData: IWorkflowBase = {
		id,
		name: 'Defender test',
		active,
		isArchived: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id,
		name: workflowData.name,
		nodes,
		connections,
		active,
		nodeTypes,
		settings: workflowData.settings,
	});
	return { workflowData, workflow };
}

export function additionalDataFor(
	credentials: InMemoryCredentialsHelper,
	workflowData: IWorkflowBase,
): IWorkflowExecuteAdditionalData {
	// Only the members the engine reads during a run; the rest belong to n8n's server.
	return {
		credentialsHelper: credentials,
		hooks: new ExecutionLifecycleHooks('manual', 'exec-1', workflowData),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: async () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function buildDefenderWorkflow(options: NodeRunOptions): DefenderWorkflow {
	const credentials = options.credentials ?? createCredentialStore(options.credential);
	const source: INode = {
		id: 'source',
		name: 'Items',
		type: SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const underTest: NodeUnderTest = options.node ?? {
		type: DEFENDER_NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		parameters: { resource: 'machineAction', ...options.parameters },
		credentialType: defenderCredentialType.name,
	};
	const defender: INode = {
		id: 'defender',
		name: 'Defender',
		type: underTest.type,
		typeVersion: underTest.typeVersion,
		position: [200, 0],
		parameters: underTest.parameters,
		credentials: { [underTest.credentialType]: { id: CREDENTIAL_ID, name: 'Defender simulator' } },
		retryOnFail: underTest.retryOnFail,
		maxTries: underTest.maxTries,
		waitBetweenTries: underTest.waitBetweenTries,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const { workflowData, workflow } = workflowOf('wf-test', [source, defender], {
		Items: { main: [[{ node: 'Defender', type: NodeConnectionTypes.Main, index: 0 }]] },
	});
	const additionalData = additionalDataFor(credentials, workflowData);
	return { workflow, defender, source, additionalData, credentials };
}

/** Runs Items -> Defender through n8n-core's WorkflowExecute, as a manual execution would. */
export async function runDefenderNode(options: NodeRunOptions): Promise<NodeRunResult> {
	const { workflow, source, additionalData, credentials } = buildDefenderWorkflow(options);
	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: source,
	});
	options.onStarted?.(() => execution.cancel());
	const run = await execution;
	const defenderRuns = run.data.resultData.runData.Defender ?? [];
	return {
		items: defenderRuns[0]?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? defenderRuns[0]?.error,
		run,
		credentials,
	};
}

/**
 * Runs the node through n8n-core's RoutingNode with an execution cancel signal, as the n8n server
 * does (its node types wrap declarative nodes in RoutingNode); n8n-core's WorkflowExecute alone
 * runs them without one.
 */
export async function runDefenderNodeWithSignal(
	options: NodeRunOptions & { signal: AbortSignal },
): Promise<INodeExecutionData[]> {
	const { workflow, defender, additionalData } = buildDefenderWorkflow(options);
	const inputData = { main: [(options.items ?? [{}]).map((json) => ({ json }))] };
	const context = new ExecuteContext(
		workflow,
		defender,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		inputData.main[0],
		inputData,
		{ node: defender, data: inputData, source: null },
		[],
		options.signal,
	);
	const outputs = await new RoutingNode(
		context,
		nodeTypes.getByNameAndVersion(DEFENDER_NODE_TYPE),
	).runNode();
	return outputs?.[0] ?? [];
}

/** Calls one of the node's list-search methods as the editor does, through n8n-core's LoadOptionsContext. */
export async function searchList(
	options: NodeRunOptions & {
		method: keyof MicrosoftDefenderEndpoint['methods']['listSearch'];
		parameter: string;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const { workflow, defender, additionalData } = buildDefenderWorkflow(options);
	const context = new LoadOptionsContext(
		workflow,
		defender,
		additionalData,
		`parameters.${options.parameter}`,
	);
	const search = new MicrosoftDefenderEndpoint().methods.listSearch[options.method];
	return await search.call(context, options.filter, options.paginationToken);
}

/** A list search of the Defender XDR node, as the editor's picker calls it. */
export async function searchXdrList(
	options: Omit<NodeRunOptions, 'node'> & {
		method: keyof MicrosoftDefenderXdr['methods']['listSearch'];
		parameter: string;
		filter?: string;
	},
): Promise<INodeListSearchResult> {
	const { workflow, defender, additionalData } = buildDefenderWorkflow({
		...options,
		node: {
			type: XDR_NODE_TYPE,
			typeVersion: 1,
			parameters: options.parameters,
			credentialType: xdrCredentialType.name,
		},
	});
	const context = new LoadOptionsContext(
		workflow,
		defender,
		additionalData,
		`parameters.${options.parameter}`,
	);
	const search = new MicrosoftDefenderXdr().methods.listSearch[options.method];
	return await search.call(context, options.filter);
}

/** The trigger in an active workflow: each `poll` runs its poll method as n8n's poller would, keeping its static data. */
export function createTrigger(options: {
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	xdr?: boolean;
	/** Another credential type than the OAuth2 one (the node's Authentication parameter selects it). */
	credentialType?: string;
}) {
	const credentials = createCredentialStore(options.credential);
	const trigger: INode = {
		id: 'trigger',
		name: 'Defender Trigger',
		type: options.xdr ? XDR_TRIGGER_NODE_TYPE : TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: {
			[options.credentialType ?? (options.xdr ? xdrCredentialType : defenderCredentialType).name]: {
				id: CREDENTIAL_ID,
				name: 'Defender simulator',
			},
		},
	};
	const { workflowData, workflow } = workflowOf('wf-trigger', [trigger], {}, true);
	const additionalData = additionalDataFor(credentials, workflowData);
	const triggerType = options.xdr
		? new MicrosoftDefenderXdrTrigger()
		: new MicrosoftDefenderEndpointTrigger();
	return {
		workflow,
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[] | null> {
			const context = new PollContext(workflow, trigger, additionalData, mode, 'activate');
			const output = await triggerType.poll.call(context);
			return output ? output[0] : null;
		},
		staticData: () => workflow.getStaticData('node', trigger),
	};
}

/** Runs Items -> Microsoft Defender XDR (the Graph node) with its own credential, through the same engine. */
export async function runXdrNode(options: Omit<NodeRunOptions, 'node'>): Promise<NodeRunResult> {
	return await runDefenderNode({
		...options,
		node: {
			type: XDR_NODE_TYPE,
			typeVersion: 1,
			parameters: options.parameters,
			credentialType: xdrCredentialType.name,
		},
	});
}
