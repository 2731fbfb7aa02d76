import type { INodeProperties } from 'n8n-workflow';

/** The Commands list: one entry per command, in the order they run. */
export const commandsField: INodeProperties = {
	displayName: 'Commands',
	name: 'commands',
	type: 'fixedCollection',
	required: true,
	placeholder: 'Add Command',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description:
		'The commands, run one after the other: Put File first, then Run Script, then Get File. A command that fails stops the ones after it.',
	options: [
		{
			displayName: 'Command',
			name: 'command',
			// Type first: it decides which of the fields below show, so it is not in alphabetical order.
			// eslint-disable-next-line n8n-nodes-base/node-param-fixed-collection-type-unsorted-items
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{
							name: 'Put File',
							value: 'PutFile',
							description: 'Copy a file from the live response library to the device',
						},
						{
							name: 'Run Script',
							value: 'RunScript',
							description: 'Run a script from the live response library (10-minute limit)',
						},
						{
							name: 'Get File',
							value: 'GetFile',
							description: 'Collect a file from the device (30-minute limit)',
						},
					],
					default: 'RunScript',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. collector.ps1',
					description: 'The name of a file in the live response library',
					displayOptions: { show: { type: ['PutFile'] } },
				},
				{
					// A picker of the library's scripts that still takes a typed name. Workflows saved when
					// this was a text field hold a plain string here: checkCommands reads both.
					displayName: 'Script Name',
					name: 'scriptName',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					description:
						'A script in the live response library: picked from the library, or its name',
					modes: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list',
							placeholder: 'Select a script...',
							typeOptions: { searchListMethod: 'searchLibraryScripts', searchable: true },
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							placeholder: 'e.g. collector.ps1',
						},
					],
					displayOptions: { show: { type: ['RunScript'] } },
				},
				{
					displayName: 'Arguments',
					name: 'arguments',
					type: 'string',
					default: '',
					placeholder: 'e.g. -Full',
					description: "The script's arguments, as one line of text",
					displayOptions: { show: { type: ['RunScript'] } },
				},
				{
					displayName: 'Path',
					name: 'path',
					type: 'string',
					default: '',
					placeholder: 'e.g. C:\\Windows\\Temp\\out.zip',
					description: 'The full path of the file to collect from the device',
					displayOptions: { show: { type: ['GetFile'] } },
				},
			],
		},
	],
};
