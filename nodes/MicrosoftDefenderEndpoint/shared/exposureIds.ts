import { describeInput } from '../../core/operation/checks';
import type { Checked } from '../../core/operation/checks';

/** Defender's vulnerability ids are CVE ids: CVE-, the year, a dash, four or more digits. */
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
/** One part of a vulnerability-management id: what vendor and product names use, nothing that changes a URL. */
const ID_PART = /^[\p{L}\p{N}_.+]+(?:-[\p{L}\p{N}_.+]+)*$/u;
const SEPARATOR = '-_-';

const textOf = (raw: unknown): string | undefined =>
	typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;

/** A CVE id such as CVE-2024-21412, upper-cased as Defender lists them. */
export function checkCveId(raw: unknown, label = 'CVE ID'): Checked<string> {
	const value = textOf(raw);
	if (!value)
		return { ok: false, problem: `${label} is empty: give a CVE ID such as CVE-2024-21412` };
	if (CVE_ID.test(value)) return { ok: true, value: value.toUpperCase() };
	return {
		ok: false,
		problem: `${label} must be a CVE ID such as CVE-2024-21412 (CVE-, the year, then at least 4 digits), got ${describeInput(raw)}`,
	};
}

/** An id made of parts joined by `-_-`, as Defender names software and recommendations. */
function checkJoinedId(
	raw: unknown,
	label: string,
	form: string,
	parts: (count: number) => boolean,
): Checked<string> {
	const value = textOf(raw);
	if (!value) return { ok: false, problem: `${label} is empty: give an ID in ${form}` };
	const split = value.split(SEPARATOR);
	if (parts(split.length) && split.every((part) => ID_PART.test(part))) return { ok: true, value };
	return { ok: false, problem: `${label} must be in ${form}, got ${describeInput(raw)}` };
}

/** A software id: `vendor-_-product`, such as microsoft-_-edge. */
export const checkSoftwareId = (raw: unknown, label = 'Software ID'): Checked<string> =>
	checkJoinedId(
		raw,
		label,
		"Defender's vendor-_-product form such as microsoft-_-edge",
		(count) => count === 2,
	);

/** A security recommendation id: parts joined by `-_-`, such as va-_-microsoft-_-edge or sca-_-scid-2000. */
export const checkRecommendationId = (raw: unknown, label = 'Recommendation ID'): Checked<string> =>
	checkJoinedId(
		raw,
		label,
		"Defender's form of parts joined by -_- such as va-_-microsoft-_-edge",
		(count) => count >= 2,
	);
