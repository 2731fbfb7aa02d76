import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { entityReads, stringKey } from '../../../core/operation/entityShapes';
import { fileHashField } from './fileHash';

const SHA1 = /^[0-9a-f]{40}$/i;

/** The file's alerts and devices take a SHA-1 only (not MD5 or SHA-256). */
export function checkSha1(raw: unknown, label = 'File Hash'): Checked<string> {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (SHA1.test(text)) return { ok: true, value: text.toLowerCase() };
	const length = text ? ` (${text.length} characters)` : '';
	return {
		ok: false,
		problem: `${label} must be a SHA-1, 40 hexadecimal characters: Defender takes no MD5 or SHA-256 here; got ${describeInput(raw)}${length}`,
	};
}

const sha1Field: INodeProperties = {
	...fileHashField,
	description: "The file's SHA-1 (Defender takes no SHA-256 or MD5 here)",
};
const sha1Key = stringKey(sha1Field, (raw) => checkSha1(raw), 'file');

/** A file's alerts and devices, declared on `entityRead`. */
export const pivotReads = entityReads('file', {
	getAlerts: {
		option: {
			name: 'Get Alerts',
			action: 'Get the alerts of a file',
			description: 'List the alerts that involve a file, by its SHA-1, one item per alert',
		},
		endpoint: API_ENDPOINTS.fileAlerts,
		key: sha1Key,
		path: (id) => `/api/files/${id}/alerts`,
		answer: 'list',
		verb: 'read the alerts of',
	},
	getDevices: {
		option: {
			name: 'Get Devices',
			action: 'Get the devices of a file',
			description: 'List the devices a file was seen on, by its SHA-1, one item per device',
		},
		endpoint: API_ENDPOINTS.fileMachines,
		key: sha1Key,
		path: (id) => `/api/files/${id}/machines`,
		answer: 'list',
		verb: 'read the devices of',
	},
});
