import type { INodeProperties } from 'n8n-workflow';

import type { Cloud, CloudTable } from './cloudTable';

/** Wording one service or one credential adds to a shared field, such as a hint or a placeholder. */
export type FieldWording = Partial<
	Record<
		'tenantId' | 'applicationId' | 'applicationSecret' | 'scopeOverride',
		Partial<INodeProperties>
	>
>;

/** How a service words the fields that choose its cloud. */
export interface CloudFieldWording {
	/** The Environment field's description. */
	environmentDescription: string;
	/** The Environment option under which the user types the API URL and Token URL. */
	customOptionName: string;
	/** The API URL field's label and description; its placeholder is the table's root example. */
	serviceRootField: { displayName: string; description: string };
}

const GUID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** The Environment options, one per cloud of the table and the custom one last. */
export const environmentField = <C extends Cloud>(
	table: CloudTable<C>,
	wording: CloudFieldWording,
): INodeProperties => ({
	displayName: 'Environment',
	name: 'environment',
	type: 'options',
	options: [
		...table.clouds.map(({ name, value }) => ({ name, value })),
		{ name: wording.customOptionName, value: table.customEnvironment },
	],
	default: table.clouds[0].value,
	description: wording.environmentDescription,
});

/** The Tenant ID field, hidden for the custom environment (its Token URL names the tenant). */
export const tenantIdField = (customEnvironment: string): INodeProperties => ({
	displayName: 'Tenant ID',
	name: 'tenantId',
	type: 'string',
	default: '',
	required: true,
	placeholder: GUID_PLACEHOLDER,
	description: 'Directory (tenant) ID of the Entra ID app registration',
	displayOptions: { hide: { environment: [customEnvironment] } },
});

/** The API URL field, shown for the custom environment only. */
export const serviceRootField = <C extends Cloud>(
	table: CloudTable<C>,
	wording: CloudFieldWording,
): INodeProperties => ({
	displayName: wording.serviceRootField.displayName,
	name: 'apiUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: table.rootExample,
	description: wording.serviceRootField.description,
	displayOptions: { show: { environment: [table.customEnvironment] } },
});

/** The Token URL field, shown for the custom environment only. */
export const tokenUrlField = (customEnvironment: string): INodeProperties => ({
	displayName: 'Token URL',
	name: 'tokenUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token',
	description: 'Full OAuth2 token endpoint (client credentials grant)',
	displayOptions: { show: { environment: [customEnvironment] } },
});

export const clientIdField = (): INodeProperties => ({
	displayName: 'Client ID',
	name: 'applicationId',
	type: 'string',
	default: '',
	required: true,
	description: 'Application (client) ID of the app registration',
});

export const clientSecretField = (): INodeProperties => ({
	displayName: 'Client Secret',
	name: 'applicationSecret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
});

/** Scope Override: the token scope of the table's first cloud is the example. */
export const scopeOverrideField = <C extends Cloud>(table: CloudTable<C>): INodeProperties => ({
	displayName: 'Scope Override',
	name: 'scopeOverride',
	type: 'string',
	default: '',
	placeholder: table.clouds[0].scope,
	description: 'Leave empty to use the scope of the chosen environment',
});

/** The field with the service's wording, then the credential's own, laid over it. */
export const worded = (
	field: INodeProperties,
	...layers: Array<Partial<INodeProperties> | undefined>
): INodeProperties => Object.assign({}, field, ...layers) as INodeProperties;
