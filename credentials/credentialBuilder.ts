import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { assertionFields } from './assertionFields';
import { clientCredentialsFields, hiddenField, responseCodeRules } from './clientCredentials';
import {
	clientIdField,
	clientSecretField,
	environmentField,
	scopeOverrideField,
	serviceRootField,
	tenantIdField,
	tokenUrlField,
	worded,
} from './cloudFields';
import type { CloudFieldWording, FieldWording } from './cloudFields';
import { cloudFor, cloudLookupExpression } from './cloudTable';
import type { Cloud, CloudTable } from './cloudTable';
import { checkedTenant, signInWithAssertion } from './entraSignIn';

/**
 * What one service (Defender for Endpoint, Microsoft Graph) gives both of its credentials, the
 * OAuth2 client-secret one and the certificate/federated one. Nothing here has a default.
 */
export interface CredentialService<C extends Cloud> extends CloudFieldWording {
	clouds: CloudTable<C>;
	/** Whether the user may replace the cloud's token scope (Defender: Microsoft documents no US Government scope). */
	scopeOverride: boolean;
	/** Wording the service adds to the shared fields, in both credentials. */
	wording: FieldWording;
	/** The credential test: the cheapest request that proves the token, and a message per refusal. */
	test: { url: string; qs: Record<string, number>; rules: Record<number, string> };
}

/** What one credential adds: the wording its own fields carry. */
export interface CredentialWording {
	wording: FieldWording;
}

/** The fields from Environment to Client ID, the same in both credentials of a service. */
function cloudAndClientFields<C extends Cloud>(
	service: CredentialService<C>,
	own: CredentialWording,
): INodeProperties[] {
	const custom = service.clouds.customEnvironment;
	return [
		environmentField(service.clouds, service),
		worded(tenantIdField(custom), service.wording.tenantId, own.wording.tenantId),
		serviceRootField(service.clouds, service),
		tokenUrlField(custom),
		worded(clientIdField(), service.wording.applicationId, own.wording.applicationId),
	];
}

const scopeOverride = <C extends Cloud>(service: CredentialService<C>, own: CredentialWording) =>
	service.scopeOverride
		? [
				worded(
					scopeOverrideField(service.clouds),
					service.wording.scopeOverride,
					own.wording.scopeOverride,
				),
			]
		: [];

/** The OAuth2 (client secret) credential's fields: n8n's oAuth2Api, set for the client-credentials grant. */
export function oauth2Properties<C extends Cloud>(
	service: CredentialService<C>,
	own: CredentialWording & {
		/** A notice at the top, before or after the hidden Grant Type as the credential always had it. */
		notice: INodeProperties;
		noticePlace: 'beforeGrantType' | 'afterGrantType';
	},
): INodeProperties[] {
	const table = service.clouds;
	const grantType = hiddenField('Grant Type', 'grantType', 'clientCredentials');
	const isCustom = `$self.environment === ${JSON.stringify(table.customEnvironment)}`;
	// The custom environment (a simulator) asks for the first cloud's scope.
	const cloudScope = `${isCustom} ? ${JSON.stringify(table.clouds[0].scope)} : ${cloudLookupExpression(table, (cloud) => cloud.scope, '$self.environment')}`;
	return [
		...(own.noticePlace === 'beforeGrantType' ? [own.notice, grantType] : [grantType, own.notice]),
		...cloudAndClientFields(service, own),
		worded(clientSecretField(), service.wording.applicationSecret, own.wording.applicationSecret),
		...scopeOverride(service, own),
		...clientCredentialsFields({
			isCustom,
			authority: cloudLookupExpression(table, (cloud) => cloud.authority, '$self.environment'),
			scope: service.scopeOverride
				? `={{ $self.scopeOverride ? $self.scopeOverride : (${cloudScope}) }}`
				: `={{ ${cloudScope} }}`,
		}),
	];
}

/** The certificate/federated credential's fields: the sign-in method and its secrets after Client ID. */
export function assertionProperties<C extends Cloud>(
	service: CredentialService<C>,
	own: CredentialWording,
): INodeProperties[] {
	return [
		...cloudAndClientFields(service, own),
		...assertionFields,
		...scopeOverride(service, own),
	];
}

/** The certificate/federated credential's sign-in: the cloud's token endpoint and scope, as the OAuth2 credential's expressions pick them. */
export function assertionSignIn<C extends Cloud>(service: CredentialService<C>) {
	const table = service.clouds;
	const custom = table.customEnvironment;
	const cloudOf = (environment: unknown): C => cloudFor(table, environment) ?? table.clouds[0];
	return signInWithAssertion({
		tokenUrl: (credentials) =>
			credentials.environment === custom
				? String(credentials.tokenUrl ?? '')
				: `${cloudOf(credentials.environment).authority}/${checkedTenant(credentials.tenantId)}/oauth2/v2.0/token`,
		scope: (credentials) =>
			service.scopeOverride &&
			typeof credentials.scopeOverride === 'string' &&
			credentials.scopeOverride.trim()
				? credentials.scopeOverride.trim()
				: credentials.environment === custom
					? table.clouds[0].scope
					: cloudOf(credentials.environment).scope,
	});
}

/** The credential test against the chosen cloud's service root (or the typed API URL). */
export function credentialTest<C extends Cloud>(
	service: CredentialService<C>,
): ICredentialTestRequest {
	const table = service.clouds;
	return {
		request: {
			baseURL: `={{ $credentials.environment === ${JSON.stringify(table.customEnvironment)} ? $credentials.apiUrl : ${cloudLookupExpression(table, (cloud) => table.serviceRoot(cloud), '$credentials.environment')} }}`,
			url: service.test.url,
			qs: { ...service.test.qs },
		},
		rules: responseCodeRules(service.test.rules),
	};
}
