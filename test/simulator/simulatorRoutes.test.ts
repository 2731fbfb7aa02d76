import { ENDPOINT_CLASSES, SIMULATED_ROUTES, statedLimit } from '../../simulator/server';

describe('Simulator route table, for checking an API catalog against it', () => {
	it('lists every Defender route with its rate-limit class and roles, launches one by one', () => {
		const routes = SIMULATED_ROUTES.map(({ method, path, api }) => `${method} ${path} ${api}`);

		expect(routes).toEqual(
			expect.arrayContaining([
				'POST /api/machineactions/{id}/cancel cancel',
				'GET /api/machineactions/{id} getAction',
				'GET /api/machineactions listActions',
				'GET /api/machineactions/{id}/getPackageUri getPackageUri',
				'GET /api/machines machines',
				'GET /api/machines/{id} machines',
				'POST /api/machines/{id}/isolate isolate',
				'POST /api/machines/{id}/unisolate unisolate',
				'POST /api/machines/{id}/runAntiVirusScan runAntiVirusScan',
				'POST /api/machines/{id}/collectInvestigationPackage collectInvestigationPackage',
				'POST /api/machines/{id}/restrictCodeExecution restrictCodeExecution',
				'POST /api/machines/{id}/unrestrictCodeExecution unrestrictCodeExecution',
				'POST /api/machines/{id}/StopAndQuarantineFile stopAndQuarantineFile',
				'POST /api/machines/{id}/offboard offboard',
				'GET /api/alerts alerts',
				'GET /api/alerts/{id} alerts',
				'PATCH /api/alerts/{id} updateAlert',
			]),
		);
		const roles = (path: string, method = 'GET') =>
			SIMULATED_ROUTES.find((route) => route.path === path && route.method === method)?.roles;
		expect(roles('/api/machines/{id}/isolate', 'POST')).toEqual(['Machine.Isolate']);
		expect(roles('/api/machineactions')).toEqual(['Machine.Read.All', 'Machine.ReadWrite.All']);
		expect(roles('/api/alerts/{id}', 'PATCH')).toEqual(['Alert.ReadWrite.All']);
		expect(roles('/api/machineactions/{id}/cancel', 'POST')).toEqual(
			expect.arrayContaining(['Machine.Isolate', 'Machine.Scan', 'Machine.Offboard']),
		);
	});

	it('keeps a rate-limit class per API, each once', () => {
		expect(new Set(ENDPOINT_CLASSES).size).toBe(ENDPOINT_CLASSES.length);
		expect(ENDPOINT_CLASSES).toEqual(
			expect.arrayContaining([
				'cancel',
				'getAction',
				'listActions',
				'getPackageUri',
				'machines',
				'isolate',
				'unisolate',
				'runAntiVirusScan',
				'collectInvestigationPackage',
				'restrictCodeExecution',
				'unrestrictCodeExecution',
				'stopAndQuarantineFile',
				'offboard',
				'alerts',
				'updateAlert',
			]),
		);
	});

	it('states the limits Defender documents: 100/min and 1500/h, getPackageUri 2/min and 120/h, live response 10/min', () => {
		expect(statedLimit('cancel')).toEqual({ perMinute: 100, perHour: 1500 });
		expect(statedLimit('updateAlert')).toEqual({ perMinute: 100, perHour: 1500 });
		expect(statedLimit('getPackageUri')).toEqual({ perMinute: 2, perHour: 120 });
		expect(statedLimit('runLiveResponse')).toEqual({ perMinute: 10, perHour: 600 });
		expect(() => statedLimit('runLiveResponseSession')).toThrow('serves no API');
	});
});
