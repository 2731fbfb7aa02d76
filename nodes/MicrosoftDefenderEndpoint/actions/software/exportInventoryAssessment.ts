import { API_ENDPOINTS } from '../../transport/apiCatalog';
import { exportAssessment } from '../exportAssessment';

/** Defender's "Export software inventory assessment per device", its paged JSON form. */
export const exportInventoryAssessmentOperation = exportAssessment({
	resource: 'software',
	operation: 'exportInventoryAssessment',
	option: {
		name: 'Export Inventory Assessment By Device',
		action: 'Export the software inventory assessment by device',
		description:
			"Defender's software inventory export: one item per device and software version (products with a CPE), with weaknesses, paths and end of support",
	},
	endpoint: API_ENDPOINTS.softwareInventoryByMachine,
	url: '/api/machines/SoftwareInventoryByMachine',
	rows: 'software inventory rows',
	rowSize: '0.5 KB',
});
