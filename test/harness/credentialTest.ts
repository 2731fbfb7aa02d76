import { ExecuteContext, RoutingNode } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	INode,
	INodeType,
	INodeTypes,
	IWorkflowBase,
} from 'n8n-workflow';

import { CREDENTIAL_ID, additionalDataFor, createCredentialStore } from './engine';

/**
 * The credential test n8n runs on Save (its CredentialsTester, for a credential with a test
 * request): the request runs as a temporary No-Op node through n8n-core's RoutingNode with the
 * decrypted credential; an error with an HTTP answer is matched against the credential's rules,
 * any other is shown by its message (what n8n 2.40 shows, checked by e2e/certificate.e2e.test.mjs).
 */
export async function testCredentialOnSave(
	type: ICredentialType & { test: ICredentialTestRequest },
	data: ICredentialDataDecryptedObject,
): Promise<{
	status: 'OK' | 'Error';
	message: string;
	store: ReturnType<typeof createCredentialStore>;
}> {
	const store = createCredentialStore(data);
	const decrypted = await store.getDecrypted(
		{} as never,
		{ id: CREDENTIAL_ID, name: 'Under test' },
		type.name,
		'internal',
	);
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp-Node' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: type.test.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [type.name]: { id: CREDENTIAL_ID, name: 'Under test' } },
	};
	const workflowData = {
		id: 'credential-test',
		name: 'Credential test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(store, workflowData),
		'internal',
		createRunExecutionData(),
		0,
		inputData.main[0],
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	try {
		await new RoutingNode(context, NodeHelpers.getVersionedNodeType(nodeType), {
			id: CREDENTIAL_ID,
			name: 'Under test',
			type: type.name,
			data: decrypted,
		}).runNode();
		return { status: 'OK', message: 'Connection successful!', store };
	} catch (error) {
		const cause = (error as { cause?: { response?: { status?: number; statusText?: string } } })
			.cause;
		const status = cause?.response?.status;
		if (status !== undefined) {
			const rule = type.test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			return {
				status: 'Error',
				message:
					rule?.properties.message ??
					cause?.response?.statusText ??
					`Received HTTP status code: ${status}`,
				store,
			};
		}
		return { status: 'Error', message: (error as Error).message, store };
	}
}
