/** Defender's clock as the simulator keeps it: the given (or real) time plus an offset a test can skew. */
export class SimulatorClock {
	constructor(
		private readonly unskewed: () => number,
		private offset = 0,
		/** Whether answers carry a `Date` header; Node's own, from the real clock, is always off. */
		public sendDateHeader = true,
	) {
		this.setOffset(offset);
	}

	get offsetMs(): number {
		return this.offset;
	}

	/** The time Defender's timestamps, token expiry and `Date` headers are taken from. */
	now(): number {
		return this.unskewed() + this.offset;
	}

	/** The test's own time, without the offset: what request records are stamped with. */
	observerNow(): number {
		return this.unskewed();
	}

	iso(): string {
		return new Date(this.now()).toISOString();
	}

	setOffset(ms: number): void {
		if (!Number.isFinite(ms))
			throw new Error(`The clock offset must be a finite number of milliseconds, got ${ms}`);
		this.offset = ms;
	}

	/** The `Date` header of an answer as of now, or no header when it is turned off. */
	dateHeader(): Record<string, string> {
		return this.sendDateHeader ? { Date: new Date(this.now()).toUTCString() } : {};
	}
}
