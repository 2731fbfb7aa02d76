import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../router';
import * as collectInvestigationPackage from './collectInvestigationPackage.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getLoggedOnUsers from './getLoggedOnUsers.operation';
import * as isolate from './isolate.operation';
import * as offboard from './offboard.operation';
import * as restrictCodeExecution from './restrictCodeExecution.operation';
import * as runAntiVirusScan from './runAntiVirusScan.operation';
import * as runLiveResponse from './runLiveResponse.operation';
import * as stopAndQuarantineFile from './stopAndQuarantineFile.operation';
import * as unisolate from './unisolate.operation';
import * as unrestrictCodeExecution from './unrestrictCodeExecution.operation';

export const operations = {
	collectInvestigationPackage,
	get,
	getAll,
	getLoggedOnUsers,
	isolate,
	offboard,
	restrictCodeExecution,
	runAntiVirusScan,
	runLiveResponse,
	stopAndQuarantineFile,
	unisolate,
	unrestrictCodeExecution,
};

export const description: INodeProperties[] = [operationSelector('machine', operations, 'get'), ...operationFields(operations)];
