import type { HttpFailure } from '../failures/httpFailure';

const GATEWAY_STATUSES = [502, 503, 504];

/** The request may or may not have reached Defender: no answer, or a gateway answered for it. */
export const isLostResponse = (failure: HttpFailure): boolean =>
	failure.statusCode === undefined
		? failure.networkCode !== undefined
		: GATEWAY_STATUSES.includes(failure.statusCode);

export const isRateLimited = (failure: HttpFailure): boolean => failure.statusCode === 429;

/** Sending a read twice is harmless: retry rate limits, server errors and lost responses. */
export const isRetryableRead = (failure: HttpFailure): boolean =>
	isRateLimited(failure) || isLostResponse(failure) || (failure.statusCode ?? 0) >= 500;

/** A write is resent only where a second one is harmless or will be recognised by its caller. */
export const isRetryableWrite = (failure: HttpFailure): boolean =>
	isRateLimited(failure) || isLostResponse(failure);
