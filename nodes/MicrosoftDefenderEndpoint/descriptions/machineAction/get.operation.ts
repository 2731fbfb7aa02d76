import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { machineActionIdField, retryOptionsField } from './shared';

const properties: INodeProperties[] = [machineActionIdField, retryOptionsField];

const displayOptions = { show: { resource: ['machineAction'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);
