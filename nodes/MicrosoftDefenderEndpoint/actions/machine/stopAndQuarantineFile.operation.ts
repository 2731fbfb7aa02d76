import { describeInput } from '../../../core/operation/checks';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { launchDescription, launchOperation } from './launch';

export const option: ApiOperation['option'] = {
	name: 'Stop and Quarantine File',
	action: 'Stop and quarantine a file on a device',
	description: 'Stop a running file and quarantine it, by its SHA-1',
	method: 'POST',
};

const SHA1_PATTERN = /^[0-9a-f]{40}$/i;

export const description = launchDescription(
	'stopAndQuarantineFile',
	'e.g. Quarantined by playbook: file flagged by threat intel',
	[
		{
			displayName: 'SHA-1',
			name: 'sha1',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 87662bc3d60e4200ceaf7aae249d1c343f4b83c9',
			description: 'The SHA-1 hash (40 hexadecimal characters) of the file to stop and quarantine',
		},
	],
);

export const execute = launchOperation({
	endpoint: API_ENDPOINTS.stopAndQuarantineFile,
	path: 'StopAndQuarantineFile',
	actionType: 'StopAndQuarantineFile',
	verb: 'stop and quarantine a file on',
	body: (read) => {
		const raw = read('sha1');
		const sha1 = typeof raw === 'string' ? raw.trim() : '';
		if (!SHA1_PATTERN.test(sha1)) {
			return {
				ok: false,
				problem: `SHA-1 must be 40 hexadecimal characters, got ${describeInput(raw)}`,
			};
		}
		return { ok: true, value: { Sha1: sha1.toLowerCase() } };
	},
});
