import { Script, createContext } from 'node:vm';

import type { RegexEngine } from 'n8n-workflow';

/**
 * n8n-workflow runs the regexes of parameters (a resource locator's validation) in node:vm with a
 * 250 ms wall-clock watchdog. On a loaded machine (seen at load 8 on 2 cores) a 40-hex device ID check
 * ran into it, so the tests run the same regexes the same way with a 5 s watchdog: a runaway regex
 * still fails, a busy machine does not.
 */
const WATCHDOG_MS = 5000;

const sandbox: Record<string, unknown> = {};
const context = createContext(sandbox);
const scripts = {
	exec: new Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new Script('result = input.split(new RegExp(pattern, flags))'),
};

function run<T>(script: Script, values: Record<string, unknown>): T {
	Object.assign(sandbox, { result: undefined, replacement: '' }, values);
	try {
		script.runInContext(context, { timeout: WATCHDOG_MS });
	} catch (error) {
		if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
			throw new Error('Regular expression execution timed out');
		throw error;
	}
	return sandbox.result as T;
}

const withGlobal = (flags = '') => (flags.includes('g') ? flags : `${flags}g`);

export const patientRegexEngine: RegexEngine = {
	exec: (pattern, input, flags = '') => run(scripts.exec, { pattern, input, flags }),
	test: (pattern, input, flags = '') => run(scripts.test, { pattern, input, flags }),
	replace: (pattern, input, flags = '', replacement) =>
		run(scripts.replace, { pattern, input, flags, replacement }),
	matchAll: (pattern, input, flags) =>
		run(scripts.matchAll, { pattern, input, flags: withGlobal(flags) }),
	split: (pattern, input, flags = '') => run(scripts.split, { pattern, input, flags }),
};
