/** An error answer in Defender's envelope; shared so entity modules can refuse input the way the API does. */
export class HttpProblem extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}
