import type { INodeParameters } from 'n8n-workflow';

import type { DefenderSimulator } from '../../simulator/server';
import { runDefenderNode, simulatorCredential } from './engine';
import type { NodeRunOptions, NodeRunResult } from './engine';

/** The Defender API requests the simulator received, each as `METHOD /path`. */
export const requestLines = (simulator: DefenderSimulator): string[] =>
	simulator.apiRequests().map((request) => `${request.method} ${request.path}`);

/** Runs the Defender node with these parameters against the simulator, as its default app. */
export const runOnSimulator = (
	simulator: DefenderSimulator,
	parameters: INodeParameters,
	options: Omit<NodeRunOptions, 'parameters' | 'credential'> = {},
): Promise<NodeRunResult> =>
	runDefenderNode({ parameters, credential: simulatorCredential(simulator), ...options });

/** Alert → Update of one alert with these fields. */
export const updateAlert = (
	simulator: DefenderSimulator,
	alertId: INodeParameters['alertId'],
	updateFields: INodeParameters,
): Promise<NodeRunResult> =>
	runOnSimulator(simulator, { resource: 'alert', operation: 'update', alertId, updateFields });
