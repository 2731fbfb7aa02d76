/** Every API catalog the package ships, by whose application permissions they name; the one place tests import them from. */
import { API_ENDPOINTS } from '../../nodes/MicrosoftDefenderEndpoint/transport/apiCatalog';
import { GRAPH_ENDPOINTS } from '../../nodes/MicrosoftDefenderXdr/transport/graphCatalog';

/** One API of a catalog, typed from the catalog itself so that only the two imports above name paths. */
export type ApiEndpoint = (typeof API_ENDPOINTS)[keyof typeof API_ENDPOINTS];

export interface ApiCatalog {
	/** The API whose application permissions the catalog names, as README's permission table is headed. */
	permissionApi: 'WindowsDefenderATP' | 'Microsoft Graph';
	endpoints: Readonly<Record<string, ApiEndpoint>>;
}

export const API_CATALOGS: readonly ApiCatalog[] = [
	{ permissionApi: 'WindowsDefenderATP', endpoints: API_ENDPOINTS },
	{ permissionApi: 'Microsoft Graph', endpoints: GRAPH_ENDPOINTS },
];
