import type { ApiEndpoint } from '../../core/transport/apiEndpoint';
import {
	READ_PERMISSION,
	TI_PERMISSION,
	LIBRARY_PERMISSION,
	ALERT_READ_PERMISSION,
	VULNERABILITY_PERMISSION,
	SOFTWARE_PERMISSION,
	RECOMMENDATION_PERMISSION,
	get,
	post,
	patch,
	del,
	read,
	write,
	launch,
	pagedBySkip,
	INDICATOR_BATCH_LIMITS,
	EXPORT_LIMITS,
} from './endpointBuilders';

/**
 * Every Defender API the node calls, as Defender documents it: its requests, its own rate limits
 * (per app and tenant), the permission a 403 should name, and what may be retried. Each API gets
 * its own call budget. The simulator models the same APIs independently; a test keeps the two in step.
 */

export const API_ENDPOINTS = {
	cancel: write(
		'cancel',
		post('/api/machineactions/{id}/cancel'),
		'the permission of the action being cancelled: Machine.Isolate, Machine.Scan, Machine.CollectForensics, Machine.RestrictExecution, Machine.StopAndQuarantine, Machine.Offboard or Machine.LiveResponse',
	),
	getAction: read('getAction', get('/api/machineactions/{id}')),
	listActions: pagedBySkip(read('listActions', get('/api/machineactions'))),
	getPackageUri: read(
		'getPackageUri',
		get('/api/machineactions/{id}/GetPackageUri'),
		READ_PERMISSION,
		{
			perMinute: 2,
			perHour: 120,
		},
	),
	machines: pagedBySkip(read('machines', get('/api/machines', '/api/machines/{id}'))),
	getLoggedOnUsers: read('getLoggedOnUsers', get('/api/machines/{id}/logonusers'), 'User.Read.All'),
	// Tags are a set on the device: resent after a lost answer only once a read shows it unchanged (machine/tags.ts).
	tagMachine: write('tagMachine', post('/api/machines/{id}/tags'), 'Machine.ReadWrite.All'),
	tagMachines: write(
		'tagMachines',
		post('/api/machines/AddOrRemoveTagForMultipleMachines'),
		'Machine.ReadWrite.All',
	),
	findMachinesByTag: read('findMachinesByTag', get('/api/machines/findbytag')),
	findMachinesByIp: read(
		'findMachinesByIp',
		get("/api/machines/findbyip(ip='{ip}',timestamp={timestamp})"),
	),
	files: read('files', get('/api/files/{id}'), 'File.Read.All'),
	fileStats: read('fileStats', get('/api/files/{id}/stats'), 'File.Read.All'),
	ipStats: read('ipStats', get('/api/ips/{id}/stats'), 'Ip.Read.All'),
	domainStats: read('domainStats', get('/api/domains/{id}/stats'), 'URL.Read.All'),
	// Vulnerability management (docs/api-notes/exposure.md): no page states a limit but the device's vulnerabilities (50/min).
	machineSoftware: read('machineSoftware', get('/api/machines/{id}/software'), SOFTWARE_PERMISSION),
	machineVulnerabilities: read(
		'machineVulnerabilities',
		get('/api/machines/{id}/vulnerabilities'),
		VULNERABILITY_PERMISSION,
		{ perMinute: 50, perHour: 1500 },
	),
	machineRecommendations: read(
		'machineRecommendations',
		get('/api/machines/{id}/recommendations'),
		RECOMMENDATION_PERMISSION,
	),
	vulnerabilities: read(
		'vulnerabilities',
		get('/api/vulnerabilities', '/api/vulnerabilities/{id}'),
		VULNERABILITY_PERMISSION,
	),
	vulnerabilityDevices: read(
		'vulnerabilityDevices',
		get('/api/vulnerabilities/{id}/machineReferences'),
		VULNERABILITY_PERMISSION,
	),
	machinesVulnerabilities: pagedBySkip(
		read(
			'machinesVulnerabilities',
			get('/api/vulnerabilities/machinesVulnerabilities'),
			VULNERABILITY_PERMISSION,
		),
	),
	software: read('software', get('/api/Software', '/api/Software/{id}'), SOFTWARE_PERMISSION),
	// The export assessments' JSON form: 30 calls a minute and 1,000 an hour, paged by next link.
	softwareVulnerabilitiesByMachine: read(
		'softwareVulnerabilitiesByMachine',
		get('/api/machines/SoftwareVulnerabilitiesByMachine'),
		VULNERABILITY_PERMISSION,
		EXPORT_LIMITS,
	),
	softwareInventoryByMachine: read(
		'softwareInventoryByMachine',
		get('/api/machines/SoftwareInventoryByMachine'),
		SOFTWARE_PERMISSION,
		EXPORT_LIMITS,
	),
	// The software's vulnerabilities page names Vulnerability.Read.All, not Software.Read.All.
	softwareVulnerabilities: read(
		'softwareVulnerabilities',
		get('/api/Software/{id}/vulnerabilities'),
		VULNERABILITY_PERMISSION,
	),
	softwareDevices: read(
		'softwareDevices',
		get('/api/Software/{id}/machineReferences'),
		SOFTWARE_PERMISSION,
	),
	softwareDistributions: read(
		'softwareDistributions',
		get('/api/Software/{id}/distributions'),
		SOFTWARE_PERMISSION,
	),
	softwareMissingKbs: read(
		'softwareMissingKbs',
		get('/api/Software/{id}/getmissingkbs'),
		SOFTWARE_PERMISSION,
	),
	recommendations: read(
		'recommendations',
		get('/api/recommendations', '/api/recommendations/{id}'),
		RECOMMENDATION_PERMISSION,
	),
	recommendationSoftware: read(
		'recommendationSoftware',
		get('/api/recommendations/{id}/software'),
		RECOMMENDATION_PERMISSION,
	),
	recommendationDevices: read(
		'recommendationDevices',
		get('/api/recommendations/{id}/machineReferences'),
		RECOMMENDATION_PERMISSION,
	),
	// The recommendation's vulnerabilities page names Vulnerability.Read.All.
	recommendationVulnerabilities: read(
		'recommendationVulnerabilities',
		get('/api/recommendations/{id}/vulnerabilities'),
		VULNERABILITY_PERMISSION,
	),
	// Pivots: an alert's related entities; the alerts and devices of a device, user, file, domain, IP.
	alertFiles: read('alertFiles', get('/api/alerts/{id}/files'), 'File.Read.All'),
	alertIps: read('alertIps', get('/api/alerts/{id}/ips'), 'Ip.Read.All'),
	alertDomains: read('alertDomains', get('/api/alerts/{id}/domains'), 'URL.Read.All'),
	alertUser: read('alertUser', get('/api/alerts/{id}/user'), 'User.Read.All'),
	alertMachine: read('alertMachine', get('/api/alerts/{id}/machine')),
	machineAlerts: read('machineAlerts', get('/api/machines/{id}/alerts'), ALERT_READ_PERMISSION),
	userAlerts: read('userAlerts', get('/api/users/{id}/alerts'), ALERT_READ_PERMISSION),
	userMachines: read('userMachines', get('/api/users/{id}/machines')),
	fileAlerts: read('fileAlerts', get('/api/files/{id}/alerts'), ALERT_READ_PERMISSION),
	fileMachines: read('fileMachines', get('/api/files/{id}/machines')),
	// The domain's alerts page names Alert.ReadWrite.All only, unlike its siblings.
	domainAlerts: read('domainAlerts', get('/api/domains/{id}/alerts'), 'Alert.ReadWrite.All'),
	domainMachines: read('domainMachines', get('/api/domains/{id}/machines')),
	ipAlerts: read('ipAlerts', get('/api/ips/{id}/alerts'), ALERT_READ_PERMISSION),
	// Automated investigation: 50 calls an hour, no minute limit stated.
	startInvestigation: launch('startInvestigation', 'startInvestigation', 'Alert.ReadWrite.All', {
		perMinute: 50,
		perHour: 50,
	}),
	investigations: read(
		'investigations',
		get('/api/investigations', '/api/investigations/{id}'),
		ALERT_READ_PERMISSION,
	),
	// 15 calls a minute; no hourly limit stated beyond what that allows. A lost answer is looked up first.
	createAlertByReference: write(
		'createAlertByReference',
		post('/api/alerts/CreateAlertByReference'),
		'Alert.ReadWrite.All',
		{ perMinute: 15, perHour: 900 },
	),
	// Setting a value twice leaves it set: resending is harmless.
	setDeviceValue: read(
		'setDeviceValue',
		[post('/api/machines/{id}/setDeviceValue')],
		'Machine.ReadWrite.All',
	),
	isolate: launch('isolate', 'isolate', 'Machine.Isolate'),
	unisolate: launch('unisolate', 'unisolate', 'Machine.Isolate'),
	runAntiVirusScan: launch('runAntiVirusScan', 'runAntiVirusScan', 'Machine.Scan'),
	collectInvestigationPackage: launch(
		'collectInvestigationPackage',
		'collectInvestigationPackage',
		'Machine.CollectForensics',
	),
	restrictCodeExecution: launch(
		'restrictCodeExecution',
		'restrictCodeExecution',
		'Machine.RestrictExecution',
	),
	unrestrictCodeExecution: launch(
		'unrestrictCodeExecution',
		'unrestrictCodeExecution',
		'Machine.RestrictExecution',
	),
	stopAndQuarantineFile: launch(
		'stopAndQuarantineFile',
		'StopAndQuarantineFile',
		'Machine.StopAndQuarantine (and Machine.Read.All)',
	),
	offboard: launch('offboard', 'offboard', 'Machine.Offboard'),
	alerts: pagedBySkip(
		read('alerts', get('/api/alerts', '/api/alerts/{id}'), 'Alert.Read.All or Alert.ReadWrite.All'),
	),
	updateAlert: write('updateAlert', patch('/api/alerts/{id}'), 'Alert.ReadWrite.All'),
	// Live response: 10 calls a minute; Defender states no hourly limit beyond what that allows.
	runLiveResponse: launch('runLiveResponse', 'runliveresponse', 'Machine.LiveResponse', {
		perMinute: 10,
		perHour: 600,
	}),
	getLiveResponseResult: read(
		'getLiveResponseResult',
		get('/api/machineactions/{id}/GetLiveResponseResultDownloadLink(index={index})'),
		'Machine.Read.All or Machine.ReadWrite.All (older doc pages: Machine.LiveResponse)',
	),
	listLibraryFiles: read('listLibraryFiles', get('/api/libraryfiles'), LIBRARY_PERMISSION),
	uploadLibraryFile: write('uploadLibraryFile', post('/api/libraryfiles'), LIBRARY_PERMISSION),
	deleteLibraryFile: write('deleteLibraryFile', del('/api/libraryfiles/{id}'), LIBRARY_PERMISSION),
	// Indicators: a delete of one already gone is a 404, so resending a delete is harmless.
	listIndicators: pagedBySkip(read('listIndicators', get('/api/indicators'), TI_PERMISSION)),
	submitIndicator: write('submitIndicator', post('/api/indicators'), TI_PERMISSION),
	deleteIndicator: read('deleteIndicator', [del('/api/indicators/{id}')], TI_PERMISSION),
	importIndicators: write(
		'importIndicators',
		post('/api/indicators/import'),
		TI_PERMISSION,
		INDICATOR_BATCH_LIMITS,
	),
	batchDeleteIndicators: read(
		'batchDeleteIndicators',
		[post('/api/indicators/BatchDelete')],
		TI_PERMISSION,
		INDICATOR_BATCH_LIMITS,
	),
} satisfies Record<string, ApiEndpoint>;

export type ApiEndpointName = keyof typeof API_ENDPOINTS;
