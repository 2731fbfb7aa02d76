import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';

export const INDICATOR_TYPES = [
	'FileSha1',
	'FileSha256',
	'FileMd5',
	'CertificateThumbprint',
	'IpAddress',
	'DomainName',
	'Url',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const INDICATOR_ACTIONS = [
	'Allowed',
	'Audit',
	'Warn',
	'Block',
	'BlockAndRemediate',
] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];

const FILE_ACTIONS: readonly IndicatorAction[] = [
	'Allowed',
	'Audit',
	'Warn',
	'Block',
	'BlockAndRemediate',
];
const NETWORK_ACTIONS: readonly IndicatorAction[] = ['Allowed', 'Audit', 'Warn', 'Block'];

/** The actions Defender takes for each type (indicators-overview; BlockAndRemediate is refused for network types). */
export const ACTIONS_FOR_TYPE: Record<IndicatorType, readonly IndicatorAction[]> = {
	FileSha1: FILE_ACTIONS,
	FileSha256: FILE_ACTIONS,
	FileMd5: FILE_ACTIONS,
	CertificateThumbprint: ['Allowed', 'BlockAndRemediate'],
	IpAddress: NETWORK_ACTIONS,
	DomainName: NETWORK_ACTIONS,
	Url: NETWORK_ACTIONS,
};

export const TYPE_LABELS: Record<IndicatorType, string> = {
	FileSha1: 'File SHA-1',
	FileSha256: 'File SHA-256',
	FileMd5: 'File MD5',
	CertificateThumbprint: 'Certificate Thumbprint',
	IpAddress: 'IP Address',
	DomainName: 'Domain Name',
	Url: 'URL',
};

const HEX_LENGTH: Partial<Record<IndicatorType, number>> = {
	FileSha1: 40,
	FileSha256: 64,
	FileMd5: 32,
	CertificateThumbprint: 40,
};
/** Longest value sent: Defender documents none; browsers cap URLs near this. */
const MAX_VALUE_LENGTH = 2048;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DOMAIN =
	/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** Defender takes no internal address: 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, and 224/3. */
function isInternalIpv4(value: string): boolean {
	const [a, b] = value.split('.').map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		a >= 224 ||
		(a === 100 && b >= 64 && b < 128) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b < 32) ||
		(a === 192 && b === 168)
	);
}

/** The 8 groups of an IPv6 address (Defender wants them all written out), or undefined when it is not one. */
function ipv6Groups(value: string): string[] | undefined {
	if (!/^[0-9a-f:]+$/i.test(value) || value.split('::').length > 2) return undefined;
	const [head, tail] = value.split('::');
	const part = (text: string | undefined) => (text ? text.split(':') : []);
	const groups =
		tail === undefined
			? part(head)
			: [
					...part(head),
					...Array<string>(8 - part(head).length - part(tail).length).fill('0'),
					...part(tail),
				];
	if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group)))
		return undefined;
	if (tail !== undefined && part(head).length + part(tail).length > 7) return undefined;
	return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

const isInternalIpv6 = (groups: string[]): boolean => {
	const first = parseInt(groups[0], 16);
	const unspecifiedOrLoopback =
		groups.slice(0, 7).every((group) => group === '0') && ['0', '1'].includes(groups[7]);
	return (
		unspecifiedOrLoopback ||
		(first & 0xfe00) === 0xfc00 ||
		(first & 0xffc0) === 0xfe80 ||
		(first & 0xff00) === 0xff00
	);
};

function checkIp(value: string, shown: string): Checked<string> {
	if (value.includes('/'))
		return {
			ok: false,
			problem: `${shown} is a range: Defender takes one IP address, without a CIDR suffix`,
		};
	if (IPV4.test(value)) {
		return isInternalIpv4(value)
			? {
					ok: false,
					problem: `${shown} is an internal or reserved IPv4 address: Defender only takes public addresses`,
				}
			: { ok: true, value };
	}
	const groups = ipv6Groups(value);
	if (!groups) return { ok: false, problem: `${shown} is not an IPv4 or IPv6 address` };
	if (isInternalIpv6(groups))
		return {
			ok: false,
			problem: `${shown} is an internal or reserved IPv6 address: Defender only takes public addresses`,
		};
	return { ok: true, value: groups.join(':') };
}

function checkUrl(value: string, shown: string): Checked<string> {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { ok: false, problem: `${shown} is not a URL: it must start with http:// or https://` };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { ok: false, problem: `${shown} is not an http or https URL` };
	if (url.username || url.password)
		return {
			ok: false,
			problem: `${shown} holds a user name or password: Defender matches on host and path only`,
		};
	if (!url.hostname) return { ok: false, problem: `${shown} has no host` };
	return { ok: true, value };
}

/**
 * The value as Defender takes it for its type, or what is wrong: hashes are hex of their length,
 * an IP is one public address (IPv6 written out in 8 groups), a domain is a bare host name, a URL
 * is http(s). Checked before anything is sent, since Defender's own refusals name no field.
 */
export function checkIndicatorValue(type: IndicatorType, raw: unknown): Checked<string> {
	const label = `Indicator Value ${describeInput(raw)}`;
	if (typeof raw !== 'string' && typeof raw !== 'number')
		return { ok: false, problem: `${label} is not text` };
	const value = String(raw).trim();
	if (value === '') return { ok: false, problem: 'Indicator Value is empty' };
	if (value.length > MAX_VALUE_LENGTH)
		return { ok: false, problem: `${label} is longer than ${MAX_VALUE_LENGTH} characters` };
	// No valid indicator of any type holds a space or a control character.
	if (
		[...value].some((ch) => ch.charCodeAt(0) < 0x21 || ch.charCodeAt(0) === 0x7f || /\s/.test(ch))
	) {
		return { ok: false, problem: `${label} holds spaces or control characters` };
	}
	const shown = `${label} (${TYPE_LABELS[type]})`;
	const hexLength = HEX_LENGTH[type];
	if (hexLength !== undefined) {
		return new RegExp(`^[0-9a-f]{${hexLength}}$`, 'i').test(value)
			? { ok: true, value: value.toLowerCase() }
			: { ok: false, problem: `${shown} must be ${hexLength} hexadecimal characters` };
	}
	if (type === 'IpAddress') return checkIp(value, shown);
	if (type === 'DomainName') {
		return DOMAIN.test(value)
			? { ok: true, value: value.toLowerCase() }
			: {
					ok: false,
					problem: `${shown} is not a domain name: give the bare host, e.g. example.com, without scheme, path, port or wildcard`,
				};
	}
	return checkUrl(value, shown);
}
