import type { ApiRoute } from '../simulatorRoute';
import { HttpProblem } from '../core/httpProblem';
import { MACHINE_ID } from '../stores/machines';
import type { AlertSeverity } from '../stores/alerts';
import { jsonBody } from '../core/requestBody';

const ALERT_FIELDS = [
	'eventTime',
	'reportId',
	'machineId',
	'severity',
	'title',
	'description',
	'recommendedAction',
	'category',
] as const;
const DEVICE_VALUES = ['Normal', 'Low', 'High'];

/** What a playbook writes besides machine actions: an alert raised on an event, a device's value. */
export const PLAYBOOK_WRITE_ROUTES: ApiRoute[] = [
	{
		method: 'POST',
		path: '/api/alerts/CreateAlertByReference',
		api: 'createAlertByReference',
		roles: ['Alert.ReadWrite.All'],
		handle: (state, { req, body }) => {
			const params = jsonBody(req, body);
			for (const field of ALERT_FIELDS) {
				if (typeof params[field] !== 'string' || String(params[field]).trim() === '')
					throw new HttpProblem(
						400,
						'MissingRequiredParameter',
						`Parameter '${field}' is required`,
					);
			}
			const text = (field: (typeof ALERT_FIELDS)[number]) => String(params[field]);
			if (!['Low', 'Medium', 'High'].includes(text('severity')))
				throw new HttpProblem(400, 'InvalidInput', `Severity '${text('severity')}' is not valid`);
			// The event is found by device, report id and time: an unknown device has no such event.
			const machine = [...state.machines.machines.values()].find(
				(candidate) => candidate.id === text('machineId').toLowerCase(),
			);
			if (!MACHINE_ID.test(text('machineId')) || !machine)
				throw new HttpProblem(404, 'ResourceNotFound', 'Event was not found');
			// An open alert on the device with the same title takes the new one in (Defender merges them).
			const open = [...state.alerts.alerts.values()].find(
				(alert) =>
					alert.machineId === machine.id &&
					alert.title === text('title') &&
					alert.status !== 'Resolved',
			);
			const alert =
				open ??
				state.alerts.add({
					machineId: machine.id,
					title: text('title'),
					description: text('description'),
					severity: text('severity') as AlertSeverity,
					category: text('category'),
					detectionSource: 'CustomDetection',
					firstEventTime: text('eventTime'),
					lastEventTime: text('eventTime'),
					status: 'New',
					evidence: [],
				});
			return [
				200,
				{
					'@odata.context': `${state.url}/api/$metadata#Alerts/$entity`,
					...state.alerts.show(alert, false),
				},
			];
		},
	},
	{
		method: 'POST',
		path: '/api/machines/{id}/setDeviceValue',
		api: 'setDeviceValue',
		roles: ['Machine.ReadWrite.All'],
		handle: (state, { req, id, body }) => {
			const value = jsonBody(req, body).DeviceValue;
			if (typeof value !== 'string' || !DEVICE_VALUES.includes(value))
				throw new HttpProblem(
					400,
					'InvalidRequestBody',
					`DeviceValue must be one of ${DEVICE_VALUES.join(', ')}`,
				);
			const machine = state.machines.find(id, false);
			machine.deviceValue = value;
			return [200, { '@odata.context': `${state.url}/api/$metadata#Machines/$entity`, ...machine }];
		},
	},
];
