import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../common';
import { machineIdField } from './shared';

const properties: INodeProperties[] = [machineIdField, optionsField()];

export const description = updateDisplayOptions({ show: { resource: ['machine'], operation: ['get'] } }, properties);
