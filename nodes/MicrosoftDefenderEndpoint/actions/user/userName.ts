import type { INodeProperties } from 'n8n-workflow';

import { describeInput } from '../../../core/operation/checks';
import type { Checked } from '../../../core/operation/checks';
import { stringKey } from '../../../core/operation/entityShapes';

export const userNameField: INodeProperties = {
	displayName: 'User',
	name: 'userName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. user1 or user1@contoso.com',
	description:
		'The account name, or its UPN: Defender takes the name before the @ (user1 for user1@contoso.com)',
};

// Windows account names: no \ / [ ] : ; | = , + * ? < > " @ or spaces; at most 104 characters.
const ACCOUNT_NAME = /^[\p{L}\p{N}._$'-]{1,104}$/u;
const SID = /^S-1-\d+(-\d+)+$/i;

/** The user name Defender's user APIs take: an account name, or the part of a UPN before the @. */
export function checkUserName(raw: unknown, label = 'User'): Checked<string> {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) return { ok: false, problem: `${label} is empty: give an account name or a UPN` };
	if (SID.test(text)) {
		return {
			ok: false,
			problem: `${label} is a SID (${describeInput(raw)}): Defender's user APIs take the account name, such as user1, or its UPN`,
		};
	}
	const parts = text.split('@');
	const name = parts[0];
	const upnDomain = parts.length === 2 ? parts[1] : undefined;
	const domainOk =
		upnDomain === undefined || /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(upnDomain);
	if (parts.length <= 2 && domainOk && ACCOUNT_NAME.test(name) && !/^\.+$/.test(name))
		return { ok: true, value: name };
	return {
		ok: false,
		problem: `${label} must be an account name such as user1 or a UPN such as user1@contoso.com, got ${describeInput(raw)}`,
	};
}

/** The user an item names, checked before it reaches a URL. */
export const userKey = stringKey(userNameField, (raw) => checkUserName(raw), 'user');
