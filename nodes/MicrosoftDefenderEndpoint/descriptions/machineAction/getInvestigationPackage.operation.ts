import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { optionsField } from '../common';
import { machineActionIdField } from './shared';

const properties: INodeProperties[] = [
	{
		...machineActionIdField,
		description: 'The ID of the Collect Investigation Package action; the package exists once that action has Succeeded',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field the downloaded package (a .zip) is written to',
		displayOptions: { hide: { '/options.returnLinkOnly': [true] } },
	},
	optionsField([
		{
			displayName: 'Return Link Only',
			name: 'returnLinkOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to output only the short-lived download link instead of downloading the file. The link is a credential: anyone holding it can download the package until it expires.',
		},
	]),
];

const displayOptions = { show: { resource: ['machineAction'], operation: ['getInvestigationPackage'] } };

export const description = updateDisplayOptions(displayOptions, properties);
