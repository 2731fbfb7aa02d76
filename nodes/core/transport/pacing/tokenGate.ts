/**
 * While no token is stored yet for an app registration, its first call goes alone, so that n8n
 * fetches one token instead of one per item; the others wait for that call's answer.
 */
export class FirstTokenGate {
	private firstCall?: Promise<void>;
	private tokenStored = false;

	/** `fetchedToken` tells from a call's result whether n8n got a token for it (a rejection is judged by its message). */
	async withFirstTokenGate<T>(
		tokenStored: boolean,
		send: () => Promise<T>,
		fetchedToken: (result: T) => boolean = () => true,
	): Promise<T> {
		if (tokenStored || this.tokenStored) return await send();
		if (this.firstCall) {
			await this.firstCall;
			return await send();
		}
		const attempt = send();
		this.firstCall = attempt.then(
			(result) => {
				this.tokenStored = fetchedToken(result);
			},
			(error: unknown) => {
				// A Defender answer means the token was fetched and stored; only a failed token request was not.
				this.tokenStored = !isTokenFailure(error instanceof Error ? error.message : String(error));
			},
		);
		void this.firstCall.then(() => (this.firstCall = undefined));
		return await attempt;
	}
}

/** n8n's OAuth2 layer says "access token" in every failure of the token request. */
export const isTokenFailure = (message: string): boolean => /access token/i.test(message);
