import type { INodeProperties } from 'n8n-workflow';

import { checkSoftwareId } from '../../shared/exposureIds';
import { stringKey } from '../../../core/operation/entityShapes';

export const softwareIdField: INodeProperties = {
	displayName: 'Software ID',
	name: 'softwareId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. microsoft-_-edge',
	description: "The software's Defender ID: vendor and product joined by -_-",
};

/** The software an item names, checked before it reaches a URL. */
export const softwareKey = stringKey(softwareIdField, (raw) => checkSoftwareId(raw), 'software');
