// n8n's internal REST API as the editor calls it: an owner session (cookie) set up on a fresh instance.
export const OWNER = {
	email: 'owner@defender-e2e.test',
	firstName: 'Sec',
	lastName: 'Ops',
	password: 'Defender-e2e-Passw0rd',
};

export class N8nRest {
	constructor(baseUrl, cookie) {
		this.baseUrl = baseUrl;
		this.cookie = cookie;
	}

	/** Sets up the instance owner (first call on a fresh instance) and returns a session for it. */
	static async owner(baseUrl, owner = OWNER) {
		let response;
		// n8n 1.x answers readiness before its REST routes are mounted.
		for (
			const deadline = Date.now() + 60_000;
			;
			await new Promise((resolve) => setTimeout(resolve, 1000))
		) {
			response = await fetch(`${baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(owner),
			});
			if (response.status !== 404 || Date.now() > deadline) break;
		}
		if (!response.ok)
			throw new Error(`n8n owner setup answered ${response.status}: ${await response.text()}`);
		const cookie = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n owner setup set no n8n-auth cookie');
		return new N8nRest(baseUrl, cookie.split(';')[0]);
	}

	/** Signs an existing user in (an instance kept from an earlier start) and returns a session for it. */
	static async signIn(baseUrl, { email, password }) {
		const response = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			// n8n 2.x names the field emailOrLdapLoginId, 1.x email.
			body: JSON.stringify({ email, emailOrLdapLoginId: email, password }),
		});
		if (!response.ok)
			throw new Error(`n8n sign-in answered ${response.status}: ${await response.text()}`);
		const cookie = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n sign-in set no n8n-auth cookie');
		return new N8nRest(baseUrl, cookie.split(';')[0]);
	}

	async request(method, path, body) {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				Cookie: this.cookie,
				'browser-id': 'defender-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`n8n ${method} /rest${path} answered ${response.status}: ${text.slice(0, 2000)}`,
			);
		return text ? JSON.parse(text).data : undefined;
	}

	/**
	 * Activates a saved workflow as the editor's Active switch does (registering its webhooks and triggers
	 * in the running n8n): 2.x's POST /workflows/:id/activate, or 1.x's PATCH with active: true.
	 */
	async activate(workflowId) {
		const { versionId, active } = await this.request('GET', `/workflows/${workflowId}`);
		if (active) return;
		try {
			await this.request('POST', `/workflows/${workflowId}/activate`, { versionId });
		} catch (error) {
			if (!/answered 404/.test(error.message)) throw error;
			await this.request('PATCH', `/workflows/${workflowId}`, { active: true, versionId });
		}
	}

	/** What the credential form's Save shows: the credential is saved, then n8n tests it by its id. */
	async saveAndTestCredential(type, data) {
		const saved = await this.request('POST', '/credentials', {
			name: `Under test ${Date.now()}`,
			type,
			data,
		});
		return await this.request('POST', '/credentials/test', {
			credentials: { id: saved.id, name: saved.name, type, data },
		});
	}
}
