import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runThroughNodeLoop } from '../common';
import * as collectInvestigationPackage from './collectInvestigationPackage.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as isolate from './isolate.operation';
import * as offboard from './offboard.operation';
import * as restrictCodeExecution from './restrictCodeExecution.operation';
import * as runAntiVirusScan from './runAntiVirusScan.operation';
import * as stopAndQuarantineFile from './stopAndQuarantineFile.operation';
import * as unisolate from './unisolate.operation';
import * as unrestrictCodeExecution from './unrestrictCodeExecution.operation';

const operation = (
	name: string,
	value: string,
	action: string,
	description: string,
	method: 'GET' | 'POST' = 'POST',
): INodePropertyOptions => ({ name, value, action, description, routing: runThroughNodeLoop(method) });

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['machine'] } },
		options: [
			operation('Collect Investigation Package', 'collectInvestigationPackage', 'Collect an investigation package from a device', 'Gather forensic data from a device into a package to download later'),
			operation('Get', 'get', 'Get a device', 'Get a device by its ID or computer name', 'GET'),
			operation('Get Many', 'getAll', 'Get many devices', 'List devices, optionally filtered by name, health, risk, OS, tag, IP or last seen', 'GET'),
			operation('Isolate', 'isolate', 'Isolate a device', 'Cut a device off the network, except for its connection to Defender'),
			operation('Offboard', 'offboard', 'Offboard a device', 'Remove a Windows device from Defender for Endpoint'),
			operation('Release From Isolation', 'unisolate', 'Release a device from isolation', 'Reconnect an isolated device to the network'),
			operation('Remove App Restriction', 'unrestrictCodeExecution', 'Remove the app restriction from a device', 'Let a device run any application again'),
			operation('Restrict App Execution', 'restrictCodeExecution', 'Restrict app execution on a device', 'Allow only Microsoft-signed applications to run on a device'),
			operation('Run Antivirus Scan', 'runAntiVirusScan', 'Run an antivirus scan on a device', 'Start a Microsoft Defender Antivirus scan on a device'),
			operation('Stop and Quarantine File', 'stopAndQuarantineFile', 'Stop and quarantine a file on a device', 'Stop a running file and quarantine it, by its SHA-1'),
		],
		default: 'get',
	},
	...collectInvestigationPackage.description,
	...get.description,
	...getAll.description,
	...isolate.description,
	...offboard.description,
	...unisolate.description,
	...unrestrictCodeExecution.description,
	...restrictCodeExecution.description,
	...runAntiVirusScan.description,
	...stopAndQuarantineFile.description,
];
