/** The node's Docs link: the README's node reference, on npm. */
export const DOCUMENTATION_URL =
	'https://www.npmjs.com/package/n8n-nodes-defender-endpoint#node-reference';
