import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

const credentialResolverNode: INode = {
	id: 'credential-resolver',
	name: '',
	type: 'test.items',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * Credential store for the engine tests. It resolves stored credentials the way n8n's own
 * CredentialsHelper does (defaults applied, expressions such as `$self.tenantId` evaluated)
 * and records token updates, which is where n8n's OAuth2 layer persists tokens.
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
	readonly stored = new Map<string, ICredentialDataDecryptedObject>();
	tokenUpdates = 0;
	/** Reads of a stored credential (in n8n, a database read and a decryption each), by whoever asked. */
	reads = 0;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Encrypted credentials are not used in these tests');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const data = this.stored.get(nodeCredentials.id ?? '');
		if (!data) throw new Error(`No credential with id ${nodeCredentials.id}`);
		const copy = structuredClone(data);
		if (raw) return copy;
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			copy as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (copy.oauthTokenData !== undefined) withDefaults.oauthTokenData = copy.oauthTokenData;
		const workflow = new Workflow({
			nodes: [credentialResolverNode],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			credentialResolverNode,
			withDefaults as INodeParameters,
			mode,
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored.set(nodeCredentials.id ?? '', structuredClone(data));
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.tokenUpdates++;
		const current = this.stored.get(nodeCredentials.id ?? '') ?? {};
		this.stored.set(nodeCredentials.id ?? '', {
			...current,
			oauthTokenData: structuredClone(data.oauthTokenData),
		});
	}
}
