import { createHash } from 'node:crypto';

/** The SHA-256 values the indicator benchmarks block: the same on both sides of the process boundary. */
export const benchHashes = (count: number): string[] =>
	Array.from({ length: count }, (_, index) =>
		createHash('sha256').update(`bench-file-${index}`).digest('hex'),
	);
