// The one file of the package that reads the local disk: a federated token is a file the platform
// (Kubernetes' projected service-account token, AZURE_FEDERATED_TOKEN_FILE) keeps fresh, and no n8n
// helper reaches a file from a credential. n8n Cloud forbids file access, which is what the lint rule
// guards; on Cloud there is no such file, so this method is for self-hosted n8n only (README).
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { readFile } from 'node:fs/promises';

import { SignInSetupError } from './clientAssertion';

/** A JWT: three base64url parts. The token's content is never put in a message. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Reads the token file anew (the platform rotates it), at each token request. */
export async function readFederatedToken(path: string): Promise<string> {
	const file = path.trim();
	if (!file) {
		throw new SignInSetupError(
			'Token File Path is empty: give the path of the federated token file, such as the value of AZURE_FEDERATED_TOKEN_FILE',
		);
	}
	const read = await readFile(file, 'utf8').then(
		(content) => ({ content }),
		(error: unknown) => ({ code: (error as { code?: unknown }).code }),
	);
	if (!('content' in read)) {
		const code = read.code;
		const reason =
			code === 'ENOENT'
				? 'it does not exist'
				: code === 'EACCES' || code === 'EPERM'
					? 'n8n may not read it'
					: code === 'EISDIR'
						? 'it is a folder'
						: 'it could not be read';
		throw new SignInSetupError(
			`The federated token file ${JSON.stringify(file)} could not be read: ${reason}. Check Token File Path and that the file is mounted into n8n's container`,
		);
	}
	const token = read.content.trim();
	if (!JWT_SHAPE.test(token)) {
		throw new SignInSetupError(
			`The federated token file ${JSON.stringify(file)} does not hold a JWT (${token ? 'unexpected content' : 'it is empty'})`,
		);
	}
	return token;
}
