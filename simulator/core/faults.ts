import type { RecordedRequest } from './http';

/** A canned answer for matching requests, used `times` times (forever when omitted). */
export interface Fault {
	method?: string;
	path?: RegExp;
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Destroy the connection without answering, as a lost response would look. */
	reset?: boolean;
	/** Carry the request out, then destroy the connection: the answer is lost but the work is done. */
	applyThenDrop?: boolean;
	/** Let the request through, but first wait this long. */
	delayMs?: number;
}

/** A fault as the control API takes it in JSON: the path is a regex source. */
export type FaultJson = Omit<Fault, 'path'> & { path?: string };

/** Injected faults, first match wins; each use counts down its `times`. */
export class FaultList {
	private readonly faults: Fault[] = [];

	inject(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	injectJson(fault: FaultJson): void {
		this.inject({ ...fault, path: fault.path ? new RegExp(fault.path) : undefined });
	}

	clear(): void {
		this.faults.length = 0;
	}

	/** The fault that answers this request, if any, used up once. */
	take(request: RecordedRequest): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method === request.method) &&
				(!fault.path || fault.path.test(request.path)),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}
}
