/** Defender's own values, spelled once for the fields that offer them and the checks that refuse others. */

export const MACHINE_ACTION_STATUSES = [
	'Pending',
	'InProgress',
	'Succeeded',
	'Failed',
	'TimeOut',
	'Cancelled',
] as const;
export type MachineActionStatus = (typeof MACHINE_ACTION_STATUSES)[number];

export const FINAL_STATUSES: readonly MachineActionStatus[] = [
	'Succeeded',
	'Failed',
	'TimeOut',
	'Cancelled',
];

export const MACHINE_ACTION_TYPES = [
	'RunAntiVirusScan',
	'Offboard',
	'LiveResponse',
	'CollectInvestigationPackage',
	'Isolate',
	'Unisolate',
	'StopAndQuarantineFile',
	'RestrictCodeExecution',
	'UnrestrictCodeExecution',
	'RequestSample',
	'Unknown',
] as const;

export const MACHINE_HEALTH_STATUSES = [
	'Active',
	'Inactive',
	'ImpairedCommunication',
	'NoSensorData',
	'NoSensorDataImpairedCommunication',
	'Unknown',
] as const;

export const MACHINE_RISK_SCORES = ['None', 'Informational', 'Low', 'Medium', 'High'] as const;

export const ALERT_STATUSES = ['New', 'InProgress', 'Resolved', 'Unknown'] as const;
export const ALERT_SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'UnSpecified'] as const;
export const ALERT_CLASSIFICATIONS = [
	'TruePositive',
	'InformationalExpectedActivity',
	'FalsePositive',
] as const;
/** As update-alert documents them, plus Apt and SecurityPersonnel from the older list. */
export const ALERT_DETERMINATIONS = [
	'Apt',
	'CompromisedAccount',
	'CompromisedUser',
	'ConfirmedActivity',
	'InsufficientData',
	'LineOfBusinessApplication',
	'MaliciousUserActivity',
	'Malware',
	'MultiStagedAttack',
	'NotMalicious',
	'Other',
	'Phishing',
	'SecurityPersonnel',
	'SecurityTesting',
	'UnwantedSoftware',
] as const;

/** What an alert's status may be set to (Unknown is Defender's, not a user's choice). */
export const ALERT_UPDATE_STATUSES = ['New', 'InProgress', 'Resolved'] as const;

export const SCAN_TYPES = ['Quick', 'Full'] as const;
