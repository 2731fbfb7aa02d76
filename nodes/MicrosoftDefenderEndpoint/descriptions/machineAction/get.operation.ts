import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../common';
import { machineActionIdField } from './shared';

const properties: INodeProperties[] = [machineActionIdField, optionsField()];

const displayOptions = { show: { resource: ['machineAction'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);
