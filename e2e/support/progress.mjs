// What `npm start` and the suites print while they work: each phase as it starts, the elapsed time every
// 15 s while it runs, and how long it took.

/** How often a running phase prints its elapsed time. */
export const TICK_MS = 15_000;

export const seconds = (ms) => {
	const total = Math.round(ms / 1000);
	return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
};

/**
 * Runs `work` as one phase: prints `what` (and the estimate, when given) as it starts, the elapsed time
 * every TICK_MS while it runs, and its duration when it ends; returns what `work` returns.
 */
export async function phase(what, work, { estimate, log = console.log } = {}) {
	const started = Date.now();
	log(`# ${what}${estimate ? ` (${estimate})` : ''} ...`);
	const ticker = setInterval(
		() => log(`#   ... ${what}: ${seconds(Date.now() - started)} so far`),
		TICK_MS,
	);
	try {
		const result = await work();
		log(`#   ${what}: done in ${seconds(Date.now() - started)}`);
		return result;
	} finally {
		clearInterval(ticker);
	}
}
