import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../core/operation/checks';
import type { Checked } from '../../core/operation/checks';

/** Defender's stats look back at most 720 hours (30 days), which is also its default. */
export const MAX_LOOK_BACK_HOURS = 720;

const text = (raw: unknown): string | undefined =>
	typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

function isIpv6(value: string): boolean {
	const halves = value.split('::');
	if (halves.length > 2) return false;
	const groups = (half: string) => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const tail = halves.length === 2 ? groups(halves[1]) : [];
	const all = [...head, ...tail];
	// An embedded IPv4 address (::ffff:10.0.0.1) counts as two groups and may only come last.
	const last = all[all.length - 1];
	const embedsIpv4 = last !== undefined && IPV4.test(last);
	const hexGroups = embedsIpv4 ? all.slice(0, -1) : all;
	if (!hexGroups.every((group) => IPV6_GROUP.test(group))) return false;
	const count = hexGroups.length + (embedsIpv4 ? 2 : 0);
	return halves.length === 2 ? count < 8 : count === 8;
}

/** An IPv4 or IPv6 address, as Defender takes it in a path; nothing else reaches the URL. */
export function checkIpAddress(raw: unknown, label: string): Checked<string> {
	const value = text(raw);
	if (!value)
		return {
			ok: false,
			problem: `${label} is empty: give an IPv4 or IPv6 address such as 10.0.0.12`,
		};
	if (IPV4.test(value) || isIpv6(value)) return { ok: true, value: value.toLowerCase() };
	return {
		ok: false,
		problem: `${label} must be an IPv4 or IPv6 address such as 10.0.0.12, got ${describeInput(raw)}`,
	};
}

const SHA1 = /^[0-9a-f]{40}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
const MD5 = /^[0-9a-f]{32}$/i;

/** A file's SHA-1 or SHA-256, the identifiers Defender's file APIs document. */
export function checkFileHash(raw: unknown, label: string): Checked<string> {
	const value = text(raw);
	if (!value) return { ok: false, problem: `${label} is empty: give the file's SHA-1 or SHA-256` };
	if (SHA1.test(value) || SHA256.test(value)) return { ok: true, value: value.toLowerCase() };
	const kind = MD5.test(value) ? ' (an MD5, which Defender does not document for this API)' : '';
	return {
		ok: false,
		problem: `${label} must be a SHA-1 (40 hexadecimal characters) or SHA-256 (64)${kind}, got ${describeInput(raw)}`,
	};
}

const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}_-]{1,63}(?<!-)$/u;

/** A host name such as example.com: no scheme, path, port or spaces, which would change the URL. */
export function checkDomain(raw: unknown, label: string): Checked<string> {
	const value = text(raw)?.replace(/\.$/, '');
	if (!value)
		return { ok: false, problem: `${label} is empty: give a host name such as example.com` };
	const labels = value.split('.');
	if (
		value.length <= 253 &&
		labels.length >= 2 &&
		labels.every((part) => DOMAIN_LABEL.test(part))
	) {
		return { ok: true, value: value.toLowerCase() };
	}
	const hint = /[:/?#@]/.test(value) ? ' (only the host name, without scheme, port or path)' : '';
	return {
		ok: false,
		problem: `${label} must be a host name such as example.com${hint}, got ${describeInput(raw)}`,
	};
}

/** Whole hours from 1 to 720, Defender's bound for its stats. */
export function checkLookBackHours(raw: unknown): Checked<number> {
	const hours = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		typeof hours === 'number' &&
		Number.isInteger(hours) &&
		hours >= 1 &&
		hours <= MAX_LOOK_BACK_HOURS
	) {
		return { ok: true, value: hours };
	}
	return {
		ok: false,
		problem: `Look-Back Hours must be a whole number from 1 to ${MAX_LOOK_BACK_HOURS} (30 days, Defender's limit), got ${describeInput(raw)}`,
	};
}

// Control characters would reach Defender's tag list and the portal unseen.
const CONTROL = /\p{Cc}/u;

/** A device tag: non-empty, trimmed, without control characters. */
export function checkTag(raw: unknown, label: string): Checked<string> {
	const value = text(raw);
	if (!value)
		return { ok: false, problem: `${label} is empty: give the tag's text, such as Tier0` };
	if (CONTROL.test(value))
		return {
			ok: false,
			problem: `${label} must not contain control characters (line breaks, tabs), got ${describeInput(raw)}`,
		};
	return { ok: true, value };
}

/** The look-back of the file, IP and domain statistics. */
export const lookBackHoursField: INodeProperties = {
	displayName: 'Look-Back Hours',
	name: 'lookBackHours',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_HOURS, numberPrecision: 0 },
	default: MAX_LOOK_BACK_HOURS,
	description:
		"How many hours back the statistics cover, at most 720 (30 days), Defender's limit and default",
};
