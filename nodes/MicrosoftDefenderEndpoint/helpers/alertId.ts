import type { Checked } from './interfaces';
import { describeInput } from './machineActionId';

// Defender alert ids: a source prefix (da, ed, ...), an 18-digit tick count, "_", a signed 32-bit hash.
const ALERT_ID_PATTERN = /^[a-z]{0,2}\d{15,20}_-?\d{1,10}$/i;

/** The trimmed alert id when it has Defender's shape; otherwise what is wrong, so nothing else reaches a URL. */
export function checkAlertId(raw: unknown): Checked<string> {
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '') return { ok: false, problem: 'Alert ID is empty' };
	const id = text.trim();
	if (!ALERT_ID_PATTERN.test(id)) {
		return {
			ok: false,
			problem: `Alert ID must be a Defender alert ID such as da637472900382838869_1364969609, got ${describeInput(raw)}`,
		};
	}
	return { ok: true, value: id };
}
