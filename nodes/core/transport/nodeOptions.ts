/** The node's Options collection as the engine reads it; an option the user did not add is absent. */
export interface NodeOptions {
	maxRetries?: number;
	maxTotalWaitSeconds?: number;
	callsPerMinute?: number;
	callsPerHour?: number;
	rateLimitWindowSeconds?: number;
	waitForFinalStatus?: boolean;
	finalStatusTimeoutSeconds?: number;
	pollIntervalSeconds?: number;
	/** Add Tag / Remove Tag: one multi-device call for the devices of many items. */
	batchAcrossItems?: boolean;
}

// The defaults the editor shows are the ones the engine applies when an option is absent.
export const DEFAULT_CALLS_PER_MINUTE = 100;
export const DEFAULT_CALLS_PER_HOUR = 1500;
export const DEFAULT_WINDOW_SECONDS = 60;
export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_TOTAL_WAIT_SECONDS = 300;
export const DEFAULT_FINAL_STATUS_TIMEOUT_SECONDS = 120;
export const DEFAULT_POLL_INTERVAL_SECONDS = 10;
