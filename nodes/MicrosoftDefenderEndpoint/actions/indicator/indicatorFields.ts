import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../core/operation/fields';
import { INDICATOR_TYPES, TYPE_LABELS } from './indicatorValue';
import type { IndicatorAction } from './indicatorValue';

export const INDICATOR_SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

const ACTION_OPTIONS: Array<{ name: string; value: IndicatorAction; description: string }> = [
	{
		name: 'Allow',
		value: 'Allowed',
		description: 'Allow the file, certificate, IP, domain or URL (any type)',
	},
	{
		name: 'Audit',
		value: 'Audit',
		description: 'Only alert (files, IPs, domains, URLs); Defender requires an alert for it',
	},
	{
		name: 'Block',
		value: 'Block',
		description: 'Block execution or the connection (files, IPs, domains, URLs)',
	},
	{
		name: 'Block and Remediate',
		value: 'BlockAndRemediate',
		description: 'Block and remove the file (file hashes and certificates only)',
	},
	{
		name: 'Warn',
		value: 'Warn',
		description: 'Warn the user, who may bypass the warning (files, IPs, domains, URLs)',
	},
];

/** The fields of one indicator: Create or Update, and Create Many (each input item's values). */
export function indicatorDescription(operation: string): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Type',
			name: 'indicatorType',
			type: 'options',
			options: INDICATOR_TYPES.map((value) => ({ name: TYPE_LABELS[value], value })),
			default: 'FileSha256',
			description: 'What the value is',
		},
		{
			displayName: 'Value',
			name: 'indicatorValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
			description:
				'The hash (hex), certificate thumbprint, public IP address (no CIDR; IPv6 is sent with all 8 groups), domain (example.com also covers its subdomains) or http(s) URL',
		},
		{
			displayName: 'Action',
			name: 'action',
			type: 'options',
			options: ACTION_OPTIONS,
			default: 'Block',
			description:
				'What Defender does when it sees the indicator. Certificates take only Allow or Block and Remediate.',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Malware from alert da637',
			description: 'Defender requires it; it becomes the title of the alerts the indicator raises',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			required: true,
			default: '',
			description: 'Why the indicator exists; Defender requires it',
		},
		optionsField([
			{
				displayName: 'Application',
				name: 'application',
				type: 'string',
				default: '',
				description:
					'The application the indicator is about; Defender sets it only when the indicator is created',
			},
			{
				displayName: 'Device Groups',
				name: 'rbacGroupNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Workstations, Servers',
				description:
					'Comma-separated device group names the indicator applies to; empty means every device',
			},
			{
				displayName: 'Expiration',
				name: 'expirationTime',
				type: 'dateTime',
				default: '',
				description: 'When Defender removes the indicator; it must be in the future',
			},
			{
				displayName: 'Generate Alert',
				name: 'generateAlert',
				type: 'boolean',
				default: false,
				description:
					'Whether a match raises an alert. Unset, it is on for Audit, which Defender requires.',
			},
			{
				displayName: 'Recommended Actions',
				name: 'recommendedActions',
				type: 'string',
				default: '',
				description: 'What to do when the indicator is seen, shown in the alert',
			},
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'options',
				options: INDICATOR_SEVERITIES.map((value) => ({ name: value, value })),
				default: 'Informational',
				description: 'Severity of the alerts the indicator raises',
			},
		]),
	];
	return updateDisplayOptions(
		{ show: { resource: ['indicator'], operation: [operation] } },
		properties,
	);
}
