import { launchDescription } from './shared';

export const description = launchDescription('stopAndQuarantineFile', 'e.g. Quarantined by playbook: file flagged by threat intel', [
	{
		displayName: 'SHA-1',
		name: 'sha1',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 87662bc3d60e4200ceaf7aae249d1c343f4b83c9',
		description: 'The SHA-1 hash (40 hexadecimal characters) of the file to stop and quarantine',
	},
]);
