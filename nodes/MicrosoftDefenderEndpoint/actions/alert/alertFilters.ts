import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../../core/operation/checks';
import { DEVICE_ID_EXAMPLE, DeviceFilterClauses } from '../../shared/deviceId';
import { ALERT_SEVERITIES, ALERT_STATUSES } from '../../shared/enums';
import { asOptions } from '../../../core/operation/fields';

export const includeEvidenceOption: INodeProperties = {
	displayName: 'Include Evidence',
	name: 'includeEvidence',
	type: 'boolean',
	default: false,
	description:
		'Whether to add the files, processes, users, IPs and URLs Defender linked to each alert ($expand=evidence)',
};

/** Filters that both Get Many and the trigger offer. */
export const alertFilterOptions: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ransomware',
		description:
			'Only alerts of this category (Malware, Ransomware, SuspiciousActivity, CommandAndControl, ...)',
	},
	{
		displayName: 'Detection Source',
		name: 'detectionSource',
		type: 'string',
		default: '',
		placeholder: 'e.g. WindowsDefenderAv',
		description:
			'Only alerts from this detection source (WindowsDefenderAv, WindowsDefenderAtp, CustomDetection, AutomatedInvestigation, ...)',
	},
	{
		displayName: 'Device ID',
		name: 'machineId',
		type: 'string',
		default: '',
		placeholder: `e.g. ${DEVICE_ID_EXAMPLE}`,
		description:
			'Only alerts on this device, by its Defender device ID (40 hexadecimal characters; a computer name is refused)',
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

export interface AlertFilters {
	status?: string[];
	severity?: string[];
	category?: string;
	detectionSource?: string;
	machineId?: string;
	createdAfter?: string;
	updatedAfter?: string;
}

/** Builds the `$filter` for List alerts; an empty value when no filter is set. */
export function buildAlertFilter(filters: AlertFilters): Checked<string> {
	return new DeviceFilterClauses()
		.anyOf('status', filters.status)
		.anyOf('severity', filters.severity)
		.equals('category', filters.category)
		.equals('detectionSource', filters.detectionSource)
		.deviceId('machineId', 'Device ID', filters.machineId)
		.date('alertCreationTime', 'gt', 'Created After', filters.createdAfter)
		.date('lastUpdateTime', 'gt', 'Updated After', filters.updatedAfter)
		.result();
}
