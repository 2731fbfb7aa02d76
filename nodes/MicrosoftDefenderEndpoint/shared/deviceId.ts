import { FilterClauses } from '../../core/transport/odata';
import { describeInput } from '../../core/operation/checks';

/** Defender's device (machine) ID: 40 hexadecimal characters. */
export const DEVICE_ID_PATTERN = /^[0-9a-f]{40}$/i;
export const DEVICE_ID_EXAMPLE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

/** What a device ID is and what was typed instead, with its length (a pasted name is often close). */
export const notADeviceId = (label: string, raw: unknown): string => {
	const length = typeof raw === 'string' ? ` (${raw.trim().length} characters)` : '';
	return `${label} must be a Defender device ID, 40 hexadecimal characters such as ${DEVICE_ID_EXAMPLE}; got ${describeInput(raw)}${length}`;
};

/** A `$filter` that may name a device: `deviceId` refuses a computer name typed where an ID belongs. */
export class DeviceFilterClauses extends FilterClauses {
	/** `field eq '<device id>'`; a value that is not a device ID (a computer name) is the filter's problem. */
	deviceId(field: string, label: string, value: unknown): this {
		const text = typeof value === 'string' ? value.trim() : '';
		if (text && !DEVICE_ID_PATTERN.test(text))
			this.refuse(
				`${notADeviceId(`Filter "${label}"`, value)}. To find a device by its computer name, use Device → Get Many.`,
			);
		return this.equals(field, text.toLowerCase());
	}
}
