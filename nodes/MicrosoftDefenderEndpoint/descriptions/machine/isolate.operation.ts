import { launchDescription } from './shared';

export const description = launchDescription('isolate', 'e.g. Isolated by playbook: high severity alert on this device', [
	{
		displayName: 'Isolation Type',
		name: 'isolationType',
		type: 'options',
		options: [
			{ name: 'Full', value: 'Full', description: 'Cut the device off the network except for Defender' },
			{ name: 'Selective', value: 'Selective', description: 'Also keep Outlook, Teams and Skype for Business working' },
			{ name: 'Unmanaged Device (Contain)', value: 'UnManagedDevice', description: 'Contain a device Defender discovered but does not manage' },
		],
		default: 'Full',
	},
]);
