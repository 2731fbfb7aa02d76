import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkOneOf, describeInput } from '../../../core/operation/checks';
import { hostClock } from '../../../core/transport/hostClock';
import { asOptions, optionsField } from '../../../core/operation/fields';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import type { ApiClient } from '../../../core/transport/apiClient';
import type { HttpFailure } from '../../../core/transport/failures/httpFailure';
import { listPages } from '../../../core/transport/paging';
import { isLostResponse } from '../../../core/transport/retry/classify';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { machineIdField, readMachineLocator, resolveMachine } from '../machine/machineLocator';
import type { ResolvedMachine } from '../machine/machineLocator';

const SEVERITIES = ['Low', 'Medium', 'High'] as const;
const CATEGORIES = [
	'General',
	'CommandAndControl',
	'Collection',
	'CredentialAccess',
	'DefenseEvasion',
	'Discovery',
	'Exfiltration',
	'Exploit',
	'Execution',
	'InitialAccess',
	'LateralMovement',
	'Malware',
	'Persistence',
	'PrivilegeEscalation',
	'Ransomware',
	'SuspiciousActivity',
] as const;
/** The event's time as advanced hunting gives it, to the tick: Defender finds the event by it. */
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

export const option: ApiOperation['option'] = {
	name: 'Create by Reference',
	action: 'Create an alert on an event',
	description:
		'Raise an alert on an event found by advanced hunting (device, event time, report ID); an open alert of the same title on the device takes it in',
	method: 'POST',
};

const text = (displayName: string, name: string, placeholder: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	required: true,
	default: '',
	placeholder,
	description,
});

const properties: INodeProperties[] = [
	machineIdField,
	text(
		'Event Time',
		'eventTime',
		'e.g. 2026-08-03T16:45:21.7115183Z',
		"The event's Timestamp from advanced hunting, exactly as given (UTC, up to 7 decimals)",
	),
	text('Report ID', 'reportId', 'e.g. 20776', "The event's ReportId from advanced hunting"),
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'options',
		options: asOptions(SEVERITIES),
		default: 'Medium',
		description: 'The severity of the alert',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: asOptions(CATEGORIES),
		default: 'SuspiciousActivity',
		description: 'The category of the alert',
	},
	text('Title', 'title', 'e.g. Hash from incident INC-42 ran', 'The title of the alert'),
	text(
		'Description',
		'description',
		'e.g. Seen by the hunting playbook',
		'The description of the alert',
	),
	text(
		'Recommended Action',
		'recommendedAction',
		'e.g. Isolate the device and collect a package',
		'What the analyst should do',
	),
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['createByReference'] } },
	properties,
);

/** The alert's body, every field checked; the first problem names its field and value. */
function readBody(
	read: (name: string) => unknown,
): { ok: true; value: IDataObject } | { ok: false; problem: string } {
	const body: IDataObject = {};
	const asText = (raw: unknown) =>
		typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	const eventTime = asText(read('eventTime'));
	if (!EVENT_TIME.test(eventTime))
		return {
			ok: false,
			problem: `Event Time must be the event's UTC time as advanced hunting gives it, such as 2026-08-03T16:45:21.7115183Z, got ${describeInput(read('eventTime'))}`,
		};
	const reportId = asText(read('reportId'));
	if (!/^\d{1,20}$/.test(reportId))
		return {
			ok: false,
			problem: `Report ID must be the event's ReportId, a number, got ${describeInput(read('reportId'))}`,
		};
	const severity = checkOneOf(read('severity'), SEVERITIES, 'Severity');
	if (!severity.ok) return severity;
	const category = checkOneOf(read('category'), CATEGORIES, 'Category');
	if (!category.ok) return category;
	for (const [name, label] of [
		['title', 'Title'],
		['description', 'Description'],
		['recommendedAction', 'Recommended Action'],
	] as const) {
		const value = asText(read(name));
		if (!value) return { ok: false, problem: `${label} is empty: Defender requires it` };
		body[name] = value;
	}
	return {
		ok: true,
		value: { ...body, eventTime, reportId, severity: severity.value, category: category.value },
	};
}

/**
 * After a lost answer, before any resend: an open alert of this title on the device, updated since
 * our first request, is the one Defender raised (or merged ours into), so one event never raises two.
 */
async function findRaised(
	client: ApiClient,
	machine: ResolvedMachine,
	title: string,
	firstSentAt: number,
	failure: HttpFailure,
): Promise<IDataObject | undefined> {
	if (!isLostResponse(failure)) return undefined;
	try {
		const alerts = await listPages(
			client,
			API_ENDPOINTS.machineAlerts,
			{ method: 'GET', url: `/api/machines/${machine.id}/alerts` },
			Infinity,
			{ subject: `the alerts of device ${machine.id}`, verb: 'read' },
			{ sendTop: false },
		);
		const earliest = client.serviceTime(firstSentAt).earliest - 1000;
		return alerts.find(
			(alert) =>
				alert.title === title &&
				alert.status !== 'Resolved' &&
				Date.parse(String(alert.lastUpdateTime)) >= earliest,
		);
	} catch (error) {
		throw client.inputError(
			`The answer to the alert request for device ${machine.id} was lost, and the node could not check whether Defender raised the alert, so it did not send it again`,
			`Look at the device's alerts in Defender before running the item again. The check failed with: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const locator = readMachineLocator(ctx, client);
	const body = readBody((name) => ctx.getNodeParameter(name, ''));
	if (!body.ok) throw client.inputError(body.problem);
	const machine = await resolveMachine(client, locator);
	const firstSentAt = hostClock.now();
	const title = String(body.value.title);
	const outcome = await client.send(
		API_ENDPOINTS.createAlertByReference,
		{
			method: 'POST',
			url: '/api/alerts/CreateAlertByReference',
			headers: { 'Content-Type': 'application/json' },
			body: { ...body.value, machineId: machine.id },
		},
		undefined,
		async (failure) => await findRaised(client, machine, title, firstSentAt, failure),
	);
	if (!outcome.ok) {
		throw client.failure(API_ENDPOINTS.createAlertByReference, outcome, {
			subject: `the event ${String(body.value.reportId)} on device ${machine.computerDnsName ?? machine.id}`,
			verb: 'raise an alert on',
		});
	}
	return toItems(client, [outcome.value]);
};
