import { launchDescription } from './shared';

export const description = launchDescription('runAntiVirusScan', 'e.g. Scan requested by playbook after a malware alert', [
	{
		displayName: 'Scan Type',
		name: 'scanType',
		type: 'options',
		options: [
			{ name: 'Quick', value: 'Quick' },
			{ name: 'Full', value: 'Full' },
		],
		default: 'Quick',
	},
]);
