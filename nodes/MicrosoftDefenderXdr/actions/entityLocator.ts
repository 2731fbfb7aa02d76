import type { INodeProperties } from 'n8n-workflow';

import type { SecurityEntity } from './securityEntity';

/** The list search method of each entity's picker (methods/listSearch.ts). */
export const SEARCH_METHOD = { incident: 'searchIncidents', alert: 'searchAlerts' } as const;

/**
 * The portal's page of an incident or alert (its incidentWebUrl or alertWebUrl):
 * security.microsoft.com/incidents/{id}, /incident2/{id}/..., /alerts/{id}, and the US Government hosts.
 */
const URL_PATTERN = {
	incident: 'https://security\\.microsoft\\.(?:com|us)/incident2?s?/(\\d{1,20})',
	alert: 'https://security\\.microsoft\\.(?:com|us)/alerts/([A-Za-z0-9][A-Za-z0-9_-]{0,127})',
} as const;

/**
 * The Incident or Alert field: a picker of the latest ones, By ID, or By URL. A resource locator;
 * workflows saved when it was a plain string field hold a string here and keep working, as the
 * Defender node's Alert and Device Action did (n8n reads a plain string as the value).
 */
export const entityLocator = (entity: SecurityEntity): INodeProperties => ({
	displayName: entity.idLabel,
	name: entity.idField,
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: `The ${entity.noun}: picked from the latest ones, by its ID in Microsoft Graph, or by its page in the Defender portal`,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: `Select an ${entity.noun}...`,
			typeOptions: { searchListMethod: SEARCH_METHOD[entity.resource], searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${entity.idExample}`,
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${entity.idPattern.source.replace(/^\^|\$$/g, '')}\\s*$`,
						errorMessage: `Not a Microsoft Graph ${entity.noun} ID: it looks like ${entity.idExample}`,
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: `e.g. https://security.microsoft.com/${entity.resource}s/${entity.idExample}`,
			validation: [
				{
					type: 'regex',
					// n8n matches the whole value: the page's path and query may follow the id.
					properties: {
						regex: `${URL_PATTERN[entity.resource]}(?:[/?#].*)?`,
						errorMessage: `Not the Defender portal's page of an ${entity.noun}`,
					},
				},
			],
			extractValue: { type: 'regex', regex: URL_PATTERN[entity.resource] },
		},
	],
});
