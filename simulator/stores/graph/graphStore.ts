import type { SimulatedApp } from '../../core/auth/tokenAuthority';
import { requestorOf } from '../../core/auth/tokenAuthority';
import type { SimulatorClock } from '../../core/clock';
import { HttpProblem } from '../../core/httpProblem';

/** An alertComment as Graph defines it. */
export interface GraphComment {
	comment: string;
	createdByDisplayName: string;
	createdDateTime: string;
}

interface Triage {
	id: string;
	status: string;
	severity: string;
	classification: string;
	determination: string;
	assignedTo: string | null;
	createdDateTime: string;
	lastUpdateDateTime: string;
	comments: GraphComment[];
}

export interface GraphIncident extends Triage {
	displayName: string;
	description: string;
	incidentWebUrl: string;
	redirectIncidentId: string | null;
	tenantId: string;
	customTags: string[];
	systemTags: string[];
}

export interface GraphAlert extends Triage {
	providerAlertId: string;
	incidentId: string;
	title: string;
	category: string;
	serviceSource: string;
	detectionSource: string;
	alertWebUrl: string;
	mitreTechniques: string[];
	evidence: Record<string, unknown>[];
}

/** What the next hunting queries answer instead of their results: a quota 429 or a timeout. */
export type HuntingFailure = 'quota' | 'timeout';

/** Graph's incident and alert severities, as the control API takes them. */
export const GRAPH_SEVERITIES: readonly string[] = ['low', 'medium', 'high', 'informational'];

/** Graph's security incidents and alerts_v2, and the hunting failures a test queues. */
export class GraphStore {
	readonly incidents = new Map<string, GraphIncident>();
	readonly alerts = new Map<string, GraphAlert>();
	readonly huntingFailures: HuntingFailure[] = [];
	private nextIncident = 2972395;
	private nextAlert = 0;

	constructor(
		private readonly clock: SimulatorClock,
		private readonly tenantId: string,
	) {}

	addIncident(overrides: Partial<GraphIncident> = {}): GraphIncident {
		const id = overrides.id ?? String(this.nextIncident++);
		const now = this.clock.iso();
		const incident: GraphIncident = {
			id,
			displayName: `Multi-stage incident ${id} on multiple endpoints`,
			description: 'Simulated incident',
			incidentWebUrl: `https://security.microsoft.com/incidents/${id}?tid=${this.tenantId}`,
			redirectIncidentId: null,
			tenantId: this.tenantId,
			status: 'active',
			severity: GRAPH_SEVERITIES[Number(id) % GRAPH_SEVERITIES.length] ?? 'medium',
			classification: 'unknown',
			determination: 'unknown',
			assignedTo: null,
			createdDateTime: now,
			lastUpdateDateTime: now,
			customTags: [],
			systemTags: [],
			comments: [],
			...overrides,
		};
		this.incidents.set(id, incident);
		this.addAlert({
			incidentId: id,
			severity: incident.severity,
			createdDateTime: incident.createdDateTime,
			lastUpdateDateTime: incident.lastUpdateDateTime,
		});
		return incident;
	}

	/** `count` incidents created 1 s apart, the last one now, each with one alert. */
	seedIncidents(count: number, overrides: Partial<GraphIncident> = {}): GraphIncident[] {
		const now = this.clock.now();
		return Array.from({ length: count }, (_, index) => {
			const at = new Date(now - (count - 1 - index) * 1000).toISOString();
			return this.addIncident({ createdDateTime: at, lastUpdateDateTime: at, ...overrides });
		});
	}

	addAlert(overrides: Partial<GraphAlert> = {}): GraphAlert {
		const sequence = this.nextAlert++;
		const id =
			overrides.id ??
			`da6375512276775${String(60813 + sequence).padStart(5, '0')}_-${961444813 + sequence}`;
		const now = this.clock.iso();
		const alert: GraphAlert = {
			id,
			providerAlertId: id,
			incidentId: '',
			status: 'new',
			severity: 'low',
			classification: 'unknown',
			determination: 'unknown',
			serviceSource: 'microsoftDefenderForEndpoint',
			detectionSource: 'antivirus',
			title: 'Suspicious execution of hidden file',
			category: 'DefenseEvasion',
			assignedTo: null,
			alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${this.tenantId}`,
			mitreTechniques: ['T1564.001'],
			createdDateTime: now,
			lastUpdateDateTime: now,
			comments: [],
			evidence: [
				{
					'@odata.type': '#microsoft.graph.security.deviceEvidence',
					mdeDeviceId: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
				},
			],
			...overrides,
		};
		this.alerts.set(id, alert);
		return alert;
	}

	incident(id: string): GraphIncident {
		const found = this.incidents.get(id);
		if (!found) throw new HttpProblem(404, 'NotFound', `Incident ${id} was not found`);
		return found;
	}

	alert(id: string): GraphAlert {
		const found = this.alerts.get(id);
		if (!found) throw new HttpProblem(404, 'NotFound', `Alert ${id} was not found`);
		return found;
	}

	/** Applies an update and moves lastUpdateDateTime, as Graph does. */
	update<T extends Triage>(entity: T, changes: Partial<T>): T {
		Object.assign(entity, changes, { lastUpdateDateTime: this.clock.iso() });
		return entity;
	}

	/** Adds a comment as the app; Graph answers with the whole list. */
	comment(entity: Triage, app: SimulatedApp, text: string): GraphComment[] {
		entity.comments.push({
			comment: text,
			createdByDisplayName: requestorOf(app),
			createdDateTime: this.clock.iso(),
		});
		entity.lastUpdateDateTime = this.clock.iso();
		return entity.comments;
	}
}
