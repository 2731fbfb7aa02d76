import type { ApiOperation } from '../../../core/operation/apiOperation';
import { tagDescription, tagOperation } from './tags';

export const option: ApiOperation['option'] = {
	name: 'Remove Tag',
	action: 'Remove a tag from a device',
	description: 'Remove a tag from a device',
	method: 'POST',
};

export const description = tagDescription('removeTag');

export const execute = tagOperation('Remove');
