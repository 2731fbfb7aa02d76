import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationSelector } from '../../../core/operation/operationDescriptions';
import * as addTag from './addTag.operation';
import { exposureReads } from './exposureReads';
import { alertReads } from './alertReads';
import * as collectInvestigationPackage from './collectInvestigationPackage.operation';
import * as findByIp from './findByIp.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as isolate from './isolate.operation';
import * as offboard from './offboard.operation';
import * as removeTag from './removeTag.operation';
import * as restrictCodeExecution from './restrictCodeExecution.operation';
import * as runAntiVirusScan from './runAntiVirusScan.operation';
import * as runLiveResponse from '../liveResponse/runLiveResponse.operation';
import * as setDeviceValue from './setDeviceValue.operation';
import * as startInvestigation from './startInvestigation.operation';
import * as stopAndQuarantineFile from './stopAndQuarantineFile.operation';
import * as unisolate from './unisolate.operation';
import * as unrestrictCodeExecution from './unrestrictCodeExecution.operation';
import { DEFENDER_SERVICE } from '../../transport/defenderService';

export const operations = {
	addTag,
	collectInvestigationPackage,
	findByIp,
	get,
	getAll,
	isolate,
	offboard,
	removeTag,
	restrictCodeExecution,
	runAntiVirusScan,
	runLiveResponse,
	setDeviceValue,
	startInvestigation,
	stopAndQuarantineFile,
	unisolate,
	unrestrictCodeExecution,
	...exposureReads,
	...alertReads,
};

export const description: INodeProperties[] = [
	operationSelector('machine', operations, 'get', DEFENDER_SERVICE),
	...operationFields(operations),
];
