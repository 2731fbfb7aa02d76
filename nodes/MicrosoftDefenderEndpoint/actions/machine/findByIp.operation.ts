import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { CLOCK_SKEW_MS, hostClock } from '../../../core/transport/hostClock';
import { optionsField } from '../../../core/operation/fields';
import { checkIpAddress } from '../../shared/lookups';
import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { listPages } from '../../../core/transport/paging';
import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';

export const option: ApiOperation['option'] = {
	name: 'Find by IP',
	action: 'Find devices by IP address',
	description:
		'List the devices seen with an internal IP address within 15 minutes of a time in the last 30 days',
	method: 'GET',
};

/** Defender refuses (400) a time more than 30 days back. */
export const FIND_BY_IP_MAX_AGE_MS = 30 * 86_400_000;
/** Defender lists the devices seen with the address this long either side of the time. */
const WINDOW_MS = 15 * 60_000;

const properties: INodeProperties[] = [
	{
		displayName: 'IP Address',
		name: 'ipAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10.0.0.12',
		description: 'The internal IPv4 or IPv6 address the devices had',
	},
	{
		displayName: 'Time',
		name: 'timestamp',
		type: 'dateTime',
		default: '',
		description:
			'When the devices had the address (UTC); Defender looks 15 minutes either side. Empty means now. At most 30 days ago.',
	},
	{
		displayName: 'If No Device Was Seen',
		name: 'whenNoneSeen',
		type: 'options',
		options: [
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'The error names the address and the time window searched',
			},
			{
				name: 'Output Nothing',
				value: 'nothing',
				description: 'The nodes after this one do not run for the item',
			},
		],
		default: 'error',
		description: 'What to do when Defender saw no device with the address in the time window',
		// From 1.3; before, an empty answer output nothing, and those workflows keep doing so.
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.3 } }] } },
	},
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['machine'], operation: ['findByIp'] } },
	properties,
);

/** The time to ask about, as Defender writes it (seconds, Z); refused when Defender would refuse it or it lies ahead. */
export function checkFindByIpTime(raw: unknown, now: number): Checked<string> {
	// An expression may give a Date or a Luxon DateTime, whose text is ISO 8601.
	const ms =
		raw === undefined || raw === null || raw === ''
			? now
			: raw instanceof Date
				? raw.getTime()
				: Date.parse(String(raw));
	if (Number.isNaN(ms)) return { ok: false, problem: `Time is not a date: ${describeInput(raw)}` };
	if (ms < now - FIND_BY_IP_MAX_AGE_MS) {
		return {
			ok: false,
			problem: `Time must be within the last 30 days (Defender's limit for Find by IP), got ${new Date(ms).toISOString()}`,
		};
	}
	if (ms > now + CLOCK_SKEW_MS)
		return { ok: false, problem: `Time is in the future: ${new Date(ms).toISOString()}` };
	return {
		ok: true,
		value: new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
	};
}

export const execute: ApiOperation['execute'] = async (ctx, client) => {
	const ip = checkIpAddress(ctx.getNodeParameter('ipAddress', ''), 'IP Address');
	if (!ip.ok) throw client.inputError(ip.problem);
	const time = checkFindByIpTime(ctx.getNodeParameter('timestamp', ''), hostClock.now());
	if (!time.ok) throw client.inputError(time.problem);
	const machines = await listPages(
		client,
		API_ENDPOINTS.findMachinesByIp,
		{ method: 'GET', url: `/api/machines/findbyip(ip='${ip.value}',timestamp=${time.value})` },
		Infinity,
		{ subject: `devices seen with IP ${ip.value} around ${time.value}`, verb: 'read' },
		{ sendTop: false, notFoundIsEmpty: true },
	);
	if (machines.length === 0 && ctx.getNodeParameter('whenNoneSeen', 'nothing') === 'error') {
		const at = Date.parse(time.value);
		const seconds = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
		throw client.inputError(
			`No device was seen with IP ${ip.value} between ${seconds(at - WINDOW_MS)} and ${seconds(at + WINDOW_MS)} (15 minutes either side of ${time.value})`,
			'Defender lists only devices that reported the address in that window. Check the address and the Time (UTC; empty means now), or set If No Device Was Seen to Output Nothing to go on without a device.',
		);
	}
	return toItems(client, machines);
};
