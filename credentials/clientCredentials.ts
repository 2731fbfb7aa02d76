import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** A field the user never sees, set from the visible ones. */
export const hiddenField = (
	displayName: string,
	name: string,
	value: string | boolean,
): INodeProperties => ({ displayName, name, type: 'hidden', default: value });

/**
 * n8n's generic OAuth2 fields, hidden and set for the client-credentials grant. n8n lists a parent
 * credential's fields first; these hold the parent's places so the visible ones keep their order.
 */
export function clientCredentialsFields(token: {
	/** Expression: whether the custom environment is chosen. */
	isCustom: string;
	/** Expression: the chosen cloud's Entra ID authority. */
	authority: string;
	/** The `scope` field's value. */
	scope: string;
}): INodeProperties[] {
	return [
		hiddenField('Client ID', 'clientId', '={{ $self.applicationId }}'),
		{
			...hiddenField('Client Secret', 'clientSecret', '={{ $self.applicationSecret }}'),
			typeOptions: { password: true },
		},
		hiddenField('Send Additional Body Properties', 'sendAdditionalBodyProperties', false),
		hiddenField('Additional Body Properties', 'additionalBodyProperties', ''),
		hiddenField(
			'Access Token URL',
			'accessTokenUrl',
			`={{ ${token.isCustom} ? $self.tokenUrl : ${token.authority} + "/" + $self.tenantId + "/oauth2/v2.0/token" }}`,
		),
		hiddenField('Scope', 'scope', token.scope),
		hiddenField('Authorization URL', 'authUrl', ''),
		hiddenField('Auth URI Query Parameters', 'authQueryParameters', ''),
		hiddenField('Authentication', 'authentication', 'body'),
	];
}

/** The credential test's message for each HTTP status the test request may answer with. */
export const responseCodeRules = (
	messages: Record<number, string>,
): NonNullable<ICredentialTestRequest['rules']> =>
	Object.entries(messages).map(([value, message]) => ({
		type: 'responseCode',
		properties: { value: Number(value), message },
	}));
