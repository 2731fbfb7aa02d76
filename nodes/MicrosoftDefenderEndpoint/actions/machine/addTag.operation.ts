import type { ApiOperation } from '../../../core/operation/apiOperation';
import { tagDescription, tagOperation } from './tags';

export const option: ApiOperation['option'] = {
	name: 'Add Tag',
	action: 'Add a tag to a device',
	description: 'Add a tag to a device, to group it or mark it for a playbook',
	method: 'POST',
};

export const description = tagDescription('addTag');

export const execute = tagOperation('Add');
