// End-to-end: n8n's AI Agent uses the installed package as a tool ("Microsoft Defender for Endpoint Tool")
// to cancel a machine action, its chat model a scripted OpenAI-compatible server of this test.
// `npm run test:e2e`; runs when N8N_E2E_VERSIONS includes 2.40.7.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';

import defenderModule from '../dist/nodes/MicrosoftDefenderEndpoint/MicrosoftDefenderEndpoint.node.js';
import simulatorModule from '../dist/simulator/server.js';
import { E2E_VERSIONS as VERSIONS, ensureN8n } from './support/n8nInstall.mjs';
import { N8nInstance } from './support/n8nInstance.mjs';
import { freePort } from './support/processes.mjs';
import { node } from './support/workflows.mjs';
import {
	DEFENDER_NODE_TYPE,
	EXAMPLE_CREDENTIAL,
	exampleCredentialFor,
} from './support/examples.mjs';

const { DEFAULT_APP, startDefenderSimulator } = simulatorModule;
const VERSION = '2.40.7';
/** n8n registers every `usableAsTool` node a second time, as `<type>Tool`. */
const TOOL_NODE_TYPE = `${DEFENDER_NODE_TYPE}Tool`;
const { description: DEFENDER } = new defenderModule.MicrosoftDefenderEndpoint();
const CANCEL_ACTION = DEFENDER.properties
	.find(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions.show.resource.includes('machineAction'),
	)
	.options.find((option) => option.value === 'cancel').action;
/** The name the editor gives a tool node added through the Cancel action; n8n names and describes the tool after it. */
const TOOL_NODE_NAME = `${CANCEL_ACTION} in ${DEFENDER.defaults.name}`;
const OPENAI_CREDENTIAL = { id: 'scriptedModel', name: 'Scripted model' };
const AGENT_COMMENT = 'Cancelled by the agent: false positive';

/** What the editor writes when "Let the model define this parameter" is clicked on a field. */
const fromAi = (displayName) =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${displayName.replace(/[^a-zA-Z0-9-]/g, '_')}', \`\`, 'string') }}`;

const completion = (message, finishReason) => ({
	id: `chatcmpl-${Date.now()}`,
	object: 'chat.completion',
	created: Math.floor(Date.now() / 1000),
	model: 'scripted',
	choices: [
		{
			index: 0,
			message: { role: 'assistant', content: null, ...message },
			finish_reason: finishReason,
			logprobs: null,
		},
	],
	usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

/**
 * An OpenAI-compatible chat model that follows a script: asked with no tool result yet, it calls the tool
 * n8n offered with `toolArguments(tool, userMessage)`; asked with the tool's result, it answers `finalAnswer(result)`.
 */
async function startScriptedModel({ toolArguments, finalAnswer }) {
	const requests = [];
	const server = createServer(async (req, res) => {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		const body = raw ? JSON.parse(raw) : {};
		requests.push({ method: req.method, path: req.url, headers: req.headers, body });
		const reply = (status, json) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		// The agent runs the model with `invoke`, so a streamed answer is never asked for here.
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions') || body.stream) {
			return reply(400, {
				error: {
					message: `The scripted model does not serve ${req.method} ${req.url}${body.stream ? ' streamed' : ''}`,
				},
			});
		}
		const toolResult = body.messages.find((message) => message.role === 'tool');
		if (toolResult)
			return reply(200, completion({ content: finalAnswer(toolResult.content) }, 'stop'));
		const [tool] = body.tools ?? [];
		const userMessage = body.messages.find((message) => message.role === 'user')?.content ?? '';
		const toolArgs = tool ? toolArguments(tool, userMessage) : {};
		const call = {
			id: 'call_cancel_1',
			type: 'function',
			function: { name: tool?.function.name, arguments: JSON.stringify(toolArgs) },
		};
		return reply(200, completion({ tool_calls: [call] }, 'tool_calls'));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** Manual trigger → Set (chatInput) → AI Agent, with the chat model and the Defender tool on the agent's inputs. */
const agentWorkflow = (id, chatInput) => ({
	id,
	name: `AI Agent: ${chatInput}`,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		node('Manual', 'n8n-nodes-base.manualTrigger', 1, {}),
		node('Chat', 'n8n-nodes-base.set', 3.4, {
			assignments: {
				assignments: [
					{
						id: '00000000-0000-4000-8000-000000000001',
						name: 'chatInput',
						type: 'string',
						value: chatInput,
					},
				],
			},
			options: {},
		}),
		node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, {
			promptType: 'define',
			text: '={{ $json.chatInput }}',
			options: {},
		}),
		node(
			'OpenAI Chat Model',
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			1.3,
			{
				model: { __rl: true, mode: 'id', value: 'scripted' },
				responsesApiEnabled: false,
				options: {},
			},
			{ credentials: { openAiApi: OPENAI_CREDENTIAL } },
		),
		node(
			TOOL_NODE_NAME,
			TOOL_NODE_TYPE,
			1,
			{
				resource: 'machineAction',
				operation: 'cancel',
				// What the editor's "let the model define this parameter" makes of a resource locator.
				machineActionId: { __rl: true, mode: 'id', value: fromAi('Machine Action') },
				comment: fromAi('Comment'),
				options: {},
			},
			{ credentials: { microsoftDefenderEndpointOAuth2Api: EXAMPLE_CREDENTIAL } },
		),
	].map((entry, index) => ({ ...entry, position: [index * 220, 0] })),
	connections: {
		Manual: { main: [[{ node: 'Chat', type: 'main', index: 0 }]] },
		Chat: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
		[TOOL_NODE_NAME]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	},
});

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe(
	`n8n ${VERSION}: AI Agent with the Defender tool`,
	{
		skip: !VERSIONS.includes(VERSION) && `N8N_E2E_VERSIONS has no ${VERSION}`,
		timeout: 15 * 60_000,
	},
	() => {
		let n8n;
		let simulator;
		let model;
		let pending;
		let finished;
		let untouched;

		before(async () => {
			const installed = await ensureN8n(VERSION);
			simulator = await startDefenderSimulator({ rateLimit: false });
			pending = simulator.addAction({ machineId: 'a'.repeat(40) });
			finished = simulator.addAction({
				machineId: 'a'.repeat(40),
				type: 'CollectInvestigationPackage',
				status: 'Succeeded',
			});
			untouched = simulator.addAction({
				machineId: 'a'.repeat(40),
				type: 'RunAntiVirusScan',
				scope: 'Quick',
			});
			model = await startScriptedModel({
				// As a model would: the id from the user's message and a comment of its own, under the keys the schema names.
				toolArguments: (tool, userMessage) => {
					const keys = Object.keys(tool.function.parameters?.properties ?? {});
					const idKey = keys.find((key) => /action/i.test(key));
					const commentKey = keys.find((key) => /comment/i.test(key));
					return { [idKey]: GUID.exec(userMessage)?.[0], [commentKey]: AGENT_COMMENT };
				},
				finalAnswer: (toolResult) => {
					const [action] = JSON.parse(toolResult);
					if (action.error) return `I could not cancel it: ${action.error}.`;
					return `Done: machine action ${action.id} is now ${action.status} ("${action.cancellationComment}").`;
				},
			});
			n8n = new N8nInstance(installed, {
				port: await freePort(),
			});
			await n8n.importJson('credentials', [
				exampleCredentialFor(simulator, DEFAULT_APP),
				{
					...OPENAI_CREDENTIAL,
					type: 'openAiApi',
					data: { apiKey: 'sk-scripted', url: model.url },
				},
			]);
			await n8n.importJson('workflow', [
				agentWorkflow(
					'wfAgentPending',
					`Please cancel Defender machine action ${pending.id}; the alert was a false positive.`,
				),
				agentWorkflow(
					'wfAgentFinished',
					`Please cancel Defender machine action ${finished.id} too.`,
				),
			]);
		});

		after(async () => {
			await n8n?.stop();
			await model?.close();
			await simulator?.close();
			n8n?.assertLoopbackOnly();
		});

		const cancelsOf = (id) =>
			simulator
				.apiRequests()
				.filter(
					(request) =>
						request.method === 'POST' && request.path === `/api/machineactions/${id}/cancel`,
				);

		it('offers Cancel as a tool, cancels the action the model chose with its comment, and answers with the result', async () => {
			const result = await n8n.execute('wfAgentPending');

			assert.equal(result.error, undefined, result.error?.message);
			const [first, second, ...more] = model.requests;
			assert.equal(more.length, 0);
			assert.deepEqual([first.path, second.path], ['/v1/chat/completions', '/v1/chat/completions']);
			assert.equal(first.headers.authorization, 'Bearer sk-scripted');

			// What n8n tells the model about the tool: its name and description come from the operation's action text.
			const [tool, ...otherTools] = first.body.tools;
			assert.equal(otherTools.length, 0);
			// (OpenAI allows 64 characters in a name: n8n cuts the node's name there.)
			assert.equal(
				tool.function.name,
				'Cancel_a_pending_device_action_in_Microsoft_Defender_for_Endpoin',
			);
			assert.equal(
				tool.function.description,
				'Cancel a pending device action in Microsoft Defender for Endpoint',
			);
			assert.deepEqual(tool.function.parameters.properties, {
				Machine_Action: { type: 'string' },
				Comment: { type: 'string' },
			});
			assert.deepEqual(tool.function.parameters.required, ['Machine_Action', 'Comment']);

			// Defender got one cancel, for the action the model named, with its comment and the app's token.
			const cancels = simulator
				.apiRequests()
				.filter((request) => request.method === 'POST' && request.path.endsWith('/cancel'));
			assert.deepEqual(cancels, cancelsOf(pending.id));
			assert.equal(cancels.length, 1);
			assert.deepEqual(JSON.parse(cancels[0].body), { Comment: AGENT_COMMENT });
			assert.ok(
				simulator.issuedAccessTokens.includes(
					cancels[0].headers.authorization.replace(/^Bearer /, ''),
				),
			);
			assert.equal(cancels[0].status, 200);
			assert.equal(simulator.actions.get(pending.id).status, 'Cancelled');
			assert.equal(simulator.actions.get(pending.id).cancellationComment, AGENT_COMMENT);
			assert.equal(simulator.actions.get(untouched.id).status, 'Pending');

			// The tool's output (the cancelled action) went back to the model, and its answer is the agent's output.
			const toolMessage = second.body.messages.find((message) => message.role === 'tool');
			assert.equal(toolMessage.tool_call_id, 'call_cancel_1');
			const [returned] = JSON.parse(toolMessage.content);
			assert.equal(returned.id, pending.id);
			assert.equal(returned.status, 'Cancelled');
			const [agentOutput] = result.runData['AI Agent'][0].data.main[0];
			assert.equal(
				agentOutput.json.output,
				`Done: machine action ${pending.id} is now Cancelled ("${AGENT_COMMENT}").`,
			);
		});

		it("hands the node's error for an action that is already final to the model, which reports it", async () => {
			const requestsBefore = model.requests.length;

			const result = await n8n.execute('wfAgentFinished');

			// The node's error is the tool's result: the model reads why, the execution goes on, nothing was cancelled.
			assert.equal(result.error, undefined, result.error?.message);
			const [, second, ...more] = model.requests.slice(requestsBefore);
			assert.equal(more.length, 0);
			const toolMessage = second.body.messages.find((message) => message.role === 'tool');
			const expected = `Device action ${finished.id} is already Succeeded and can no longer be cancelled`;
			assert.deepEqual(JSON.parse(toolMessage.content), [{ error: expected }]);
			assert.equal(
				result.runData[TOOL_NODE_NAME][0].error.errorResponse.defenderCode,
				'BadRequest',
			);
			assert.equal(cancelsOf(finished.id).length, 1);
			assert.equal(simulator.actions.get(finished.id).status, 'Succeeded');
			assert.equal(
				result.runData['AI Agent'][0].data.main[0][0].json.output,
				`I could not cancel it: ${expected}.`,
			);
		});
	},
);
