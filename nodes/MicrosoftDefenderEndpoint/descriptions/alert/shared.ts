import type { INodeProperties } from 'n8n-workflow';

import { ALERT_SEVERITIES, ALERT_STATUSES } from '../../helpers/interfaces';
import { asOptions } from '../common';

export const alertIdField: INodeProperties = {
	displayName: 'Alert ID',
	name: 'alertId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. da637472900382838869_1364969609',
	description: "The alert's ID, like the ID field of the trigger's output",
};

export const includeEvidenceOption: INodeProperties = {
	displayName: 'Include Evidence',
	name: 'includeEvidence',
	type: 'boolean',
	default: false,
	description: 'Whether to add the files, processes, users, IPs and URLs Defender linked to each alert ($expand=evidence)',
};

/** Filters that both Get Many and the trigger offer. */
export const alertFilterOptions: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ransomware',
		description: 'Only alerts of this category (Malware, Ransomware, SuspiciousActivity, CommandAndControl, ...)',
	},
	{
		displayName: 'Detection Source',
		name: 'detectionSource',
		type: 'string',
		default: '',
		placeholder: 'e.g. WindowsDefenderAv',
		description: 'Only alerts from this detection source (WindowsDefenderAv, WindowsDefenderAtp, CustomDetection, AutomatedInvestigation, ...)',
	},
	{
		displayName: 'Machine ID',
		name: 'machineId',
		type: 'string',
		default: '',
		description: 'Only alerts on this device (its 40-character Defender device ID)',
	},
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'multiOptions',
		options: asOptions(ALERT_SEVERITIES),
		default: [],
		description: 'Only alerts of one of these severities',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: asOptions(ALERT_STATUSES),
		default: [],
		description: 'Only alerts in one of these statuses',
	},
];
