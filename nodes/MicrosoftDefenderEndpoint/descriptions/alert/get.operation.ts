import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../common';
import { alertIdField, includeEvidenceOption } from './shared';

const properties: INodeProperties[] = [alertIdField, optionsField([includeEvidenceOption])];

export const description = updateDisplayOptions({ show: { resource: ['alert'], operation: ['get'] } }, properties);
