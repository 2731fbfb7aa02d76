import { toItems } from '../../../core/operation/apiOperation';
import type { ApiOperation } from '../../../core/operation/apiOperation';
import { indicatorDescription } from './indicatorFields';
import { readIndicator } from './indicatorInput';
import { submitIndicator } from './submit';

export const option: ApiOperation['option'] = {
	name: 'Create or Update',
	action: 'Create or update an indicator to block or allow an IOC',
	description:
		'Allow, audit, warn on or block a file hash, certificate, IP address, domain or URL; an indicator of the same value is updated',
	method: 'POST',
};

export const description = indicatorDescription('create');

export const execute: ApiOperation['execute'] = async (ctx, client) =>
	toItems(client, [await submitIndicator(client, readIndicator(ctx, client))]);
