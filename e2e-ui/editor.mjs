// Page objects for the n8n editor screens the suite drives: sign-in, credential form, nodes panel,
// node details view. Fields are found by their visible label, not by n8n's internal parameter names.

import { readFile } from 'node:fs/promises';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field label as n8n renders it: the name, then a `*` when the field is required. */
const labelText = (label) => new RegExp(`^\\s*${escapeRegExp(label)}\\s*\\*?\\s*$`);
/** A dropdown's option by its name, whether or not n8n shows a description under the name. */
const optionNamed = (page, name) =>
	page
		.getByRole('option', { name, exact: true })
		.or(page.getByRole('option').filter({ has: page.getByText(name, { exact: true }) }));

/**
 * Web-first assertion: polls the locator's text until it matches, and returns it; fails with what
 * was shown instead. playwright-core has no `expect`, so this is the one the suite needs.
 */
export async function expectText(locator, pattern, { timeout = 90_000 } = {}) {
	const matches = (text) =>
		typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
	const deadline = Date.now() + timeout;
	let shown = '';
	for (;;) {
		// innerText of a hidden element is its textContent, so a hidden banner would match without this.
		const visible = await locator.isVisible();
		shown = visible
			? await locator.innerText({ timeout: 5_000 }).catch(() => shown)
			: '(not visible)';
		if (visible && matches(shown)) return shown;
		if (Date.now() > deadline)
			throw new Error(`Expected ${locator} to show ${pattern}; it shows:\n${shown.slice(0, 3000)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Polls an input until it holds `value`; fails naming the field and what it held instead. */
export async function expectValue(input, value, what, { timeout = 30_000 } = {}) {
	const deadline = Date.now() + timeout;
	for (let held = ''; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
		held = await input.inputValue({ timeout: 5_000 }).catch(() => held);
		if (held === value) return;
		if (Date.now() > deadline)
			throw new Error(
				`Waited ${timeout / 1000} s for ${what} to show "${value}"; it shows "${held}"`,
			);
	}
}

/**
 * The runs n8n reports over its push connection, by execution ID: the editor learns that a run ended
 * (success, error, canceled) from the `executionFinished` message, and the suite waits for the same one.
 */
class PushedRuns {
	constructor(page) {
		this.finished = new Map();
		this.waiters = new Map();
		page.on('websocket', (socket) =>
			socket.on('framereceived', ({ payload }) => this.receive(payload)),
		);
	}

	receive(payload) {
		let message;
		try {
			message = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
		} catch {
			return;
		}
		if (message?.type !== 'executionFinished' && message?.type !== 'executionRecovered') return;
		const { executionId, status } = message.data ?? {};
		if (executionId === undefined) return;
		const run = { executionId: String(executionId), status: status ?? 'unknown' };
		this.finished.set(run.executionId, run);
		this.waiters.get(run.executionId)?.(run);
	}

	/** Resolves with `{ executionId, status }` once n8n pushes that the execution finished. */
	async waitFor(executionId, { timeout = 180_000 } = {}) {
		const id = String(executionId);
		if (this.finished.has(id)) return this.finished.get(id);
		let timer;
		try {
			return await new Promise((resolve, reject) => {
				this.waiters.set(id, resolve);
				timer = setTimeout(
					() =>
						reject(
							new Error(
								`Waited ${timeout / 1000} s for n8n to push that execution ${id} finished; it did not`,
							),
						),
					timeout,
				);
			});
		} finally {
			clearTimeout(timer);
			this.waiters.delete(id);
		}
	}
}

const pushedRuns = new WeakMap();
/** Starts listening to n8n's push messages on a page; call it before the page opens the editor. */
export function watchRuns(page) {
	if (!pushedRuns.has(page)) pushedRuns.set(page, new PushedRuns(page));
	return pushedRuns.get(page);
}

/**
 * Clicks a button that runs the workflow (Execute step, Execute workflow) and waits for that run:
 * n8n's answer to the run request (its execution ID; `check` sees the request first), then n8n's push
 * that the execution finished. A run n8n refuses to start fails at once with n8n's reason.
 */
export async function runAndWait(page, button, check = () => {}) {
	const runs = pushedRuns.get(page);
	if (!runs) throw new Error('Call watchRuns(page) before opening the editor');
	const runAnswer = page.waitForResponse(
		(response) =>
			response.request().method() === 'POST' &&
			/\/rest\/workflows\/[^/]+\/run$/.test(new URL(response.url()).pathname),
		{ timeout: 120_000 },
	);
	runAnswer.catch(() => {});
	await button.click();
	const refused = page.locator('.el-notification').filter({ hasText: 'cannot start' });
	const answer = await Promise.race([
		runAnswer,
		refused.waitFor({ timeout: 120_000 }).then(() => undefined),
	]);
	if (!answer) throw new Error(`n8n did not run the workflow: ${await refused.innerText()}`);
	if (!answer.ok())
		throw new Error(`n8n refused the run: HTTP ${answer.status()} ${await answer.text()}`);
	check(answer.request());
	const executionId = (await answer.json())?.data?.executionId;
	if (executionId === undefined)
		throw new Error(`n8n's run answer named no execution: ${await answer.text()}`);
	return await runs.waitFor(executionId);
}

/** The workflow menu's Import → From File, with a file from disk, as a person imports a shipped example. */
export async function importFromFile(page, file) {
	await page.getByTestId('workflow-menu').click();
	// From File sits in the menu's Import submenu, which opens on hover.
	await page.getByTestId('workflow-menu-item-import').hover();
	await page.getByTestId('workflow-menu-item-import-from-file').waitFor();
	const [chooser] = await Promise.all([
		page.waitForEvent('filechooser'),
		page.getByTestId('workflow-menu-item-import-from-file').click(),
	]);
	await chooser.setFiles(file);
}

/**
 * Of the canvas's nodes named `names`, those whose type n8n's editor does not know ("name (type)"): the ones it draws with a
 * question mark and cannot run. Read from the editor's own stores, as the canvas is.
 */
export async function unknownNodes(page, names) {
	const answer = await page.evaluate((names) => {
		const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia;
		if (!pinia) return { missing: 'the editor app or its Pinia store' };
		const stores = [...pinia._s.values()];
		const nodeTypes = stores.find((store) => typeof store.getNodeType === 'function');
		if (!nodeTypes) return { missing: "the editor's node types store" };
		// The store that holds this workflow: every one of its node names.
		const nodes = stores
			.map((store) => store.workflow?.nodes ?? store.allNodes)
			.find(
				(list) =>
					Array.isArray(list) && names.every((name) => list.some((node) => node.name === name)),
			);
		if (!nodes) return { missing: `nodes ${names.join(', ')} in the editor's stores` };
		return {
			unknown: nodes
				.filter((node) => !nodeTypes.getNodeType(node.type, node.typeVersion))
				.map((node) => `${node.name} (${node.type})`),
		};
	}, names);
	if (answer.missing)
		throw new Error(`Could not tell the canvas's node types: no ${answer.missing}`);
	return answer.unknown;
}

/** Opens a node of the canvas by its name, as a double click does, and returns its details view. */
export async function openNode(page, name) {
	await page
		.getByTestId('canvas-node')
		.filter({ has: page.getByText(name, { exact: true }) })
		.first()
		.dblclick();
	const ndv = new NodeDetails(page);
	await ndv.root.waitFor();
	return ndv;
}

export async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export class CredentialModal {
	constructor(page) {
		this.page = page;
		this.root = page.getByTestId('editCredential-modal');
	}

	/** From the credentials list: Create credential, search the type, pick it, continue. */
	static async create(page, baseUrl, { search, type }) {
		await page.goto(`${baseUrl}/home/credentials`);
		await page.getByTestId('add-resource-credential').click();
		const chooser = page.getByTestId('selectCredential-modal');
		await chooser.getByTestId('new-credential-type-select').locator('input').fill(search);
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: type }).click();
		await chooser.getByTestId('new-credential-type-button').click();
		const modal = new CredentialModal(page);
		await modal.root.getByTestId('credential-connection-parameter').first().waitFor();
		return modal;
	}

	field(label) {
		return this.root
			.getByTestId('credential-connection-parameter')
			.filter({ has: this.page.locator('label').getByText(labelText(label)) });
	}

	async fill(label, value) {
		await this.field(label).locator('input, textarea').first().fill(value);
	}

	async choose(label, option) {
		await this.field(label).locator('input').first().click();
		await this.page.getByRole('option', { name: option, exact: true }).click();
	}

	async rename(name) {
		await this.root.getByTestId('credential-name').click();
		await this.root.getByTestId('inline-edit-input').fill(name);
		await this.root.getByTestId('inline-edit-input').press('Enter');
	}

	/** Saves and waits for n8n to store the credential (its button keeps saying Save). */
	async save() {
		const stored = this.page.waitForResponse(
			(response) =>
				/\/rest\/credentials(\/[^/]+)?$/.test(new URL(response.url()).pathname) &&
				['POST', 'PATCH'].includes(response.request().method()),
		);
		await this.root.getByTestId('credential-save-button').click();
		const response = await stored;
		if (!response.ok())
			throw new Error(
				`n8n did not save the credential: HTTP ${response.status()} ${await response.text()}`,
			);
	}

	/** Waits until Save is done with its test and reads Save or Saved again (blank while busy). */
	async settled() {
		await expectText(this.root.getByTestId('credential-save-button'), /Save/);
	}

	get success() {
		return this.root.getByTestId('credentials-config-container-test-success');
	}

	/** The danger banner n8n shows when the credential test fails (it has no data-test-id of its own). */
	get failure() {
		return this.root
			.locator('.el-tag--danger')
			.filter({ hasText: /Couldn.t connect with these settings/ });
	}

	/** The failure banner's text with its details, which n8n folds under "More details". */
	async failureDetails() {
		await this.failure.waitFor();
		const more = this.failure.getByText('More details');
		if (await more.isVisible()) await more.click();
		return await this.failure.innerText();
	}

	async close() {
		await this.root.getByRole('button', { name: 'Close this dialog' }).click();
		await this.root.waitFor({ state: 'hidden' });
	}
}

/**
 * The nodes panel's entries for a search, each entry's name and text (name and description) in the
 * panel's order, once `until(entries)` holds (the list redraws after the search's debounce).
 */
export async function searchNodesPanel(page, search, until, { timeout = 60_000 } = {}) {
	const panel = page.getByTestId('node-creator');
	const searchBar = page.getByTestId('node-creator-search-bar');
	// A panel still showing another search's list would answer for it: close it and search afresh.
	if ((await panel.isVisible()) && (await searchBar.inputValue()) !== search) {
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden' });
	}
	if (!(await panel.isVisible())) await page.getByTestId('node-creator-plus-button').click();
	await searchBar.fill(search);
	const deadline = Date.now() + timeout;
	let previous = '';
	for (;;) {
		// A panel still opening on a loaded machine can reset its search bar: type again, as a person would.
		if ((await searchBar.inputValue().catch(() => search)) !== search) await searchBar.fill(search);
		// One read of the whole list in the page, so that it cannot change halfway through.
		const entries = await panel.getByTestId('item-iterator-item').evaluateAll((items) =>
			items.map((item) => ({
				name: (
					item.querySelector('[data-test-id="node-creator-item-name"]')?.innerText ?? ''
				).trim(),
				text: item.innerText.trim(),
			})),
		);
		// The list redraws in steps after a search: read it until two reads agree, as a person waits for it to settle.
		const drawn = JSON.stringify(entries);
		if (until(entries) && drawn === previous) return entries;
		previous = drawn;
		if (Date.now() > deadline)
			throw new Error(
				`Searching the nodes panel for "${search}", waited ${timeout / 1000} s for ${until}; it lists:\n${JSON.stringify(entries, null, 1)}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The nodes panel (node creator) of a workflow's canvas. */
export async function addActionFromNodesPanel(page, { search, node, action }) {
	await page.getByTestId('node-creator-plus-button').click();
	const panel = page.getByTestId('node-creator');
	await page.getByTestId('node-creator-search-bar').fill(search);
	await panel.getByText(node, { exact: true }).click();
	// A node's actions are folded under its triggers on an empty canvas.
	const actions = panel.getByText(action, { exact: true });
	const actionsHeader = panel.getByText(/^Actions \(\d+\)$/);
	await actionsHeader.waitFor();
	if (!(await actions.isVisible())) await actionsHeader.click();
	await actions.click();
	const ndv = new NodeDetails(page);
	await ndv.root.waitFor();
	return ndv;
}

/**
 * The entries of `expected` (by dotted path, such as `commands.command.1.path`) whose value
 * `parameters` does not hold; a resource locator compares by its value.
 */
function differingParameters(parameters, expected) {
	const at = (path) =>
		path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), parameters);
	const valueOf = (value) =>
		value !== null && typeof value === 'object' && '__rl' in value ? value.value : value;
	return Object.entries(expected)
		.filter(([path, value]) => valueOf(at(path)) !== value)
		.map(([path, value]) => `${path} = ${JSON.stringify(value)}`);
}

/** Parameters found by their labels inside one block: the node details view, or one entry of a fixed collection. */
export class ParameterFields {
	constructor(page, root) {
		this.page = page;
		this.root = root;
	}

	/** The block of the parameter labelled `label`: the label's nearest ancestor that holds an input (n8n's blocks nest, the credential sits in the first). */
	param(label) {
		return this.root
			.getByTestId('input-label')
			.getByText(labelText(label))
			.locator('xpath=ancestor::*[.//input or .//textarea][1]');
	}

	/** The whole block of a parameter, label and value, such as a collection with its entries. */
	item(label) {
		return this.root
			.getByTestId('parameter-item')
			.filter({ has: this.page.getByTestId('input-label').getByText(labelText(label)) })
			.first();
	}

	/** The selected value of a dropdown parameter such as Resource or Operation. */
	async value(label) {
		return await this.param(label).locator('input').first().inputValue();
	}

	/** Picks an option of a dropdown parameter such as Resource or Operation. */
	async choose(label, option) {
		await this.param(label).locator('input').first().click();
		await optionNamed(this.page, option).click();
	}

	/** Types a value, waits for the field to show it, and leaves the field (as a person tabs on). */
	async fill(label, value) {
		const input = this.param(label).locator('input, textarea').first();
		await input.fill(value);
		await expectValue(input, value, `the ${label} field`);
		await input.blur();
	}

	/** The label block as n8n renders it, with its `*` when the field is required. */
	async label(label) {
		const block = this.root
			.getByTestId('input-label')
			.filter({ has: this.page.getByText(labelText(label)) })
			.first();
		return (await block.innerText()).replace(/\s+/g, ' ').trim();
	}

	/** Adds an option of a collection such as Options ("Add Option") and waits for its field to show. */
	async addOption(collection, option) {
		await this.item(collection).getByTestId('collection-parameter-add').locator('input').click();
		await optionNamed(this.page, option).click();
		await this.param(option).waitFor();
		return this;
	}

	async chooseMode(label, mode) {
		await this.param(label).getByTestId('rlc-mode-selector').click();
		await this.page.locator(`[data-test-id="mode-${mode}"]:visible`).click();
	}

	/** Opens a resource locator's list and searches it until exactly one entry is left, then picks it. Returns its text. */
	async pickFromList(label, search) {
		await this.chooseMode(label, 'list');
		await this.param(label).getByTestId('rlc-input').click();
		// Another picker's closed dropdown may still be in the page: only the visible search and entries count.
		await this.page
			.locator(
				'[data-test-id="rlc-search"] input:visible, input[data-test-id="rlc-search"]:visible',
			)
			.fill(search);
		const items = this.page.locator('[data-test-id="rlc-item"]:visible');
		for (
			const deadline = Date.now() + 60_000;
			(await items.count()) !== 1;
			await new Promise((resolve) => setTimeout(resolve, 250))
		) {
			if (Date.now() > deadline)
				throw new Error(
					`Searching ${label} for "${search}" listed:\n${(await items.allInnerTexts()).join('\n')}`,
				);
		}
		const text = await items.first().innerText();
		await items.first().click();
		return text;
	}

	/** A fixed collection such as a list of commands: its entries and its Add button. */
	fixedCollection(label) {
		return new FixedCollection(this.page, this.item(label));
	}
}

/** A fixed collection: entries added with its Add button, each entry's fields found by their labels. */
export class FixedCollection {
	constructor(page, root) {
		this.page = page;
		this.root = root;
		// Entries of a multiple-values collection are draggable; the add button sits after them.
		this.entries = root.locator('[data-draggable="true"]');
	}

	/** Adds an entry (picking `option` when the collection offers several kinds) and returns its fields. */
	async add(option) {
		const before = await this.entries.count();
		await this.root.getByTestId('fixed-collection-add').last().click();
		if (option) await optionNamed(this.page, option).click();
		await this.entries.nth(before).waitFor();
		return this.entry(before);
	}

	entry(index) {
		return new ParameterFields(this.page, this.entries.nth(index));
	}
}

/** The node details view: parameters in the middle, the output panel on the right. */
export class NodeDetails extends ParameterFields {
	constructor(page) {
		super(page, page.getByTestId('ndv'));
		this.output = this.root.getByTestId('output-panel');
	}

	/** A resource locator's modes (by their names) as its mode box offers them, and whether the chosen one fits the box. */
	async modes(label, names) {
		const selector = this.param(label).getByTestId('rlc-mode-selector');
		const box = selector.locator('input').first();
		const fits = await box.evaluate((input) => input.scrollWidth <= input.clientWidth);
		const shown = await box.inputValue();
		await selector.click();
		const offered = [];
		for (const name of names)
			offered.push(
				(await this.page.locator(`[data-test-id="mode-${name}"]:visible`).innerText()).trim(),
			);
		await this.page.keyboard.press('Escape');
		return { shown, fits, offered };
	}

	/** Picks the credential named exactly `name` (another's name may contain it). */
	async chooseCredential(name) {
		await this.root.getByTestId('node-credentials-select').click();
		await this.page
			.getByTestId(/^node-credentials-select-item-/)
			.filter({ has: this.page.getByText(name, { exact: true }) })
			.click();
	}

	async setById(label, id) {
		await this.chooseMode(label, 'id');
		const input = this.param(label).getByTestId('rlc-input');
		await input.fill(id);
		await expectValue(input, id, `the ${label} field (By ID)`);
		await input.blur();
	}

	/** Closes the view (its parameters reach n8n's store as it goes) and waits for the canvas. */
	async close() {
		await this.page.keyboard.press('Escape');
		await this.root.waitFor({ state: 'hidden' });
	}

	/** The node this view shows, by the name in its header. */
	async nodeName() {
		return (await this.root.getByTestId('node-title-container').innerText()).trim();
	}

	/**
	 * Executes the step and waits for this run: n8n's answer to the run request, its push that the
	 * execution finished, and the output panel drawing the result. With `parameters`, first waits until
	 * the editor holds them (a typed value reaches n8n's store after its input debounce), and checks the
	 * run request carried them. A run n8n refuses to start fails at once with n8n's reason.
	 * Returns `{ executionId, status }` as n8n pushed them.
	 */
	async execute({ parameters } = {}) {
		if (parameters) await this.waitForParameters(parameters);
		const run = await runAndWait(
			this.page,
			this.root.getByTestId('node-execute-button'),
			(request) => {
				if (parameters) this.assertRunCarried(request, parameters);
			},
		);
		await this.output
			.getByTestId(/^node-run-status-/)
			.or(this.output.getByTestId('node-error-message'))
			.first()
			.waitFor({ timeout: 60_000 });
		await expectText(this.root.getByTestId('node-execute-button'), 'Execute step');
		return run;
	}

	/** The parameters the editor holds for this node, as n8n would save them. */
	async editorParameters() {
		const name = await this.nodeName();
		return await this.page.evaluate((nodeName) => {
			// Vue keeps the app on its root element and Pinia its stores on the app: the editor's own state.
			const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia;
			if (!pinia) return { missing: 'the editor app or its Pinia store' };
			for (const store of pinia._s.values()) {
				const nodes = store.workflow?.nodes ?? store.allNodes;
				const node = Array.isArray(nodes)
					? nodes.find((entry) => entry.name === nodeName)
					: undefined;
				if (node) return { parameters: JSON.parse(JSON.stringify(node.parameters)) };
			}
			return { missing: `node "${nodeName}" in the editor's stores` };
		}, name);
	}

	/** Waits until the editor holds each of `parameters` (a resource locator compares by its value). */
	async waitForParameters(parameters, { timeout = 30_000 } = {}) {
		const deadline = Date.now() + timeout;
		for (;;) {
			const held = await this.editorParameters();
			const differing = held.parameters ? differingParameters(held.parameters, parameters) : [];
			if (held.parameters && differing.length === 0) return;
			if (Date.now() > deadline)
				throw new Error(
					held.missing
						? `Could not read the node's parameters: n8n's editor has no ${held.missing}`
						: `Waited ${timeout / 1000} s for the editor to take ${differing.join(', ')}; it holds ${JSON.stringify(held.parameters)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Fails when the run request did not carry `parameters` for this node (n8n sends the workflow with it). */
	assertRunCarried(request, parameters) {
		const nodes = request.postDataJSON()?.workflowData?.nodes;
		if (!Array.isArray(nodes)) return;
		const differing = nodes.flatMap((node) => {
			const missing = differingParameters(node.parameters ?? {}, parameters);
			return missing.length === 0 ? [] : [missing];
		});
		if (differing.length === nodes.length)
			throw new Error(
				`The run request carried no node with ${Object.keys(parameters).join(', ')} as typed: ${JSON.stringify(nodes.map((node) => node.parameters))}`,
			);
	}

	/** How many items the output panel says the run produced ("2 items"), once it says it. */
	async itemCount() {
		const text = await expectText(this.output.getByTestId('ndv-items-count'), /\d+ items?/, {
			timeout: 60_000,
		});
		return Number(/(\d+) items?/.exec(text)[1]);
	}

	/**
	 * The output items as the JSON view holds them, copied with its Copy button (the view only draws
	 * the lines in sight); waits until the copy is the whole output the panel counts.
	 */
	async outputJson({ timeout = 60_000 } = {}) {
		await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: new URL(this.page.url()).origin,
		});
		const count = await this.itemCount();
		await this.output.getByTestId('radio-button-json').click();
		const deadline = Date.now() + timeout;
		for (;;) {
			await this.page.evaluate(() => navigator.clipboard.writeText(''));
			await this.output.getByTestId('ndv-data-container').hover();
			await this.output.getByTestId('ndv-json-actions').getByRole('button').click();
			// The copy is asynchronous: wait for the clipboard to fill.
			const copied = await this.page.waitForFunction(async () => {
				const text = await navigator.clipboard.readText();
				return text === '' ? false : text;
			});
			const text = await copied.jsonValue();
			let items;
			try {
				items = JSON.parse(text);
			} catch {
				items = undefined;
			}
			if (Array.isArray(items) && items.length === count) return items;
			if (Date.now() > deadline)
				throw new Error(
					`The JSON view's copy is not the ${count} item(s) the output panel counts:\n${text.slice(0, 2000)}`,
				);
		}
	}

	/** The table view of the output: its column names and each row's cells, as drawn. */
	async outputTable() {
		await this.output.getByTestId('radio-button-table').click();
		const table = this.output.getByTestId('ndv-data-container').locator('table');
		await table.waitFor();
		const texts = async (cells) => (await cells.allInnerTexts()).map((text) => text.trim());
		// n8n ends each row with an empty cell for its column adder.
		const columns = (await texts(table.locator('thead th'))).filter(Boolean);
		const rows = [];
		for (const row of await table.locator('tbody tr').all())
			rows.push((await texts(row.locator('td'))).slice(0, columns.length));
		return { columns, rows };
	}

	/** The binary view's files: each card's field name and the details it lists (File Name, Mime Type, File Size...). */
	async outputBinaries() {
		await this.output.getByTestId('radio-button-binary').click();
		const cards = this.output.getByTestId(/^ndv-binary-data_/);
		await cards.first().waitFor();
		const files = [];
		for (const card of await cards.all()) {
			const [property, ...lines] = (await card.innerText())
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean);
			const details = {};
			for (let at = 0; at + 1 < lines.length; at += 2)
				if (lines[at].endsWith(':')) details[lines[at].slice(0, -1)] = lines[at + 1];
			files.push({ property, details });
		}
		return files;
	}

	/** Downloads the `index`-th file of the binary view with its Download button: its suggested name and bytes. */
	async downloadBinary(index = 0) {
		await this.output.getByTestId('radio-button-binary').click();
		const card = this.output.getByTestId(`ndv-binary-data_${index}`);
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			card.getByTestId('ndv-download-binary-data').click(),
		]);
		return {
			fileName: download.suggestedFilename(),
			bytes: await readFile(await download.path()),
		};
	}
}
