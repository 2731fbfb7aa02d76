import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
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

	/** n8n's generic authentication: each property's expression resolved with `$credentials`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate !== 'object' || authenticate.type !== 'generic') return requestOptions;
		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				options[outerKey] ??= {};
				options[outerKey][key] = workflow.expression.getSimpleParameterValue(
					node,
					value as string,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
			}
		}
		return requestOptions;
	}

	preAuthentications = 0;

	/**
	 * n8n's CredentialsHelper.preAuthentication: when the type has an expirable hidden field that is
	 * empty, or the token expired (a 401), or the credential is being tested, run the type's
	 * preAuthentication and store what it returns with the credential.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!type?.preAuthentication || !expirable) return undefined;
		const testing = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
		this.preAuthentications++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (!nodeCredentials) return undefined;
		await this.updateCredentials(nodeCredentials, typeName, Object.assign(credentials, output));
		return Object.assign(credentials, output);
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
