import type { INodeProperties } from 'n8n-workflow';

import { checkRecommendationId } from '../../shared/exposureIds';
import { stringKey } from '../../../core/operation/entityShapes';

export const recommendationIdField: INodeProperties = {
	displayName: 'Recommendation ID',
	name: 'recommendationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. va-_-microsoft-_-edge',
	description: "The security recommendation's Defender ID",
};

/** The security recommendation an item names, checked before it reaches a URL. */
export const recommendationKey = stringKey(
	recommendationIdField,
	(raw) => checkRecommendationId(raw),
	'security recommendation',
);
