import type { INodeProperties } from 'n8n-workflow';

export const fileHashField: INodeProperties = {
	displayName: 'File Hash',
	name: 'fileHash',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 4388963aaa83afe2042a46a3c017ad50bdcdafb3',
	description: "The file's SHA-1 or SHA-256",
};
