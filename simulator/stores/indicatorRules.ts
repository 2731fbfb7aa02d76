import { isIP } from 'node:net';

// What Defender checks in one indicator body before it stores it.
const FILE_ACTIONS = ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'];
const NETWORK_ACTIONS = ['Allowed', 'Audit', 'Warn', 'Block'];
/** The actions Defender accepts for each indicator type. */
export const ACTIONS_BY_TYPE: Record<string, readonly string[]> = {
	FileSha1: FILE_ACTIONS,
	FileSha256: FILE_ACTIONS,
	FileMd5: FILE_ACTIONS,
	CertificateThumbprint: ['Allowed', 'BlockAndRemediate'],
	IpAddress: NETWORK_ACTIONS,
	DomainName: NETWORK_ACTIONS,
	Url: NETWORK_ACTIONS,
};
const HASH_LENGTH: Record<string, number> = {
	FileSha1: 40,
	FileSha256: 64,
	FileMd5: 32,
	CertificateThumbprint: 40,
};
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
const DOMAIN =
	/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/** Why Defender refuses a value for its type, or undefined when it takes it. Wording [U]: Defender documents none. */
function valueProblem(type: string, value: string): string | undefined {
	const hashLength = HASH_LENGTH[type];
	if (hashLength !== undefined) {
		return new RegExp(`^[0-9a-f]{${hashLength}}$`, 'i').test(value)
			? undefined
			: `Invalid ${type} value: ${value}`;
	}
	if (type === 'IpAddress') return isIP(value) ? undefined : `Invalid IpAddress value: ${value}`;
	if (type === 'DomainName')
		return DOMAIN.test(value) ? undefined : `Invalid DomainName value: ${value}`;
	try {
		const url = new URL(value);
		return ['http:', 'https:'].includes(url.protocol) ? undefined : `Invalid Url value: ${value}`;
	} catch {
		return `Invalid Url value: ${value}`;
	}
}

/** A body field when it is a string. */
export const text = (params: Record<string, unknown>, key: string): string | undefined =>
	typeof params[key] === 'string' ? (params[key] as string) : undefined;

/** The checks of one indicator body, in the order Defender reports them; the message says what is wrong. */
export function indicatorProblem(params: Record<string, unknown>): string | undefined {
	const value = text(params, 'indicatorValue');
	const type = text(params, 'indicatorType');
	const action = text(params, 'action');
	if (!value || value.trim() === '') return 'Recieved an empty indicator value.';
	if (!type || !ACTIONS_BY_TYPE[type]) return `Invalid indicatorType: ${String(type)}`;
	if (!action) return "Parameter 'action' is required";
	if (!ACTIONS_BY_TYPE[type].includes(action))
		return `Action ${action} is not supported for indicator type ${type}`;
	if (!text(params, 'title')) return "Parameter 'title' is required";
	if (!text(params, 'description')) return "Parameter 'description' is required";
	const severity = params.severity;
	if (severity !== undefined && severity !== null && !SEVERITIES.includes(String(severity)))
		return `Invalid severity: ${String(severity)}`;
	if (action === 'Audit' && params.generateAlert !== true)
		return 'GenerateAlert must be true when action is Audit';
	const expiration = params.expirationTime;
	if (
		expiration !== undefined &&
		expiration !== null &&
		Number.isNaN(Date.parse(String(expiration)))
	)
		return `Invalid expirationTime: ${String(expiration)}`;
	return valueProblem(type, value);
}
