import type { SimulatedApp } from '../core/auth/tokenAuthority';
import { requestorOf } from '../core/auth/tokenAuthority';
import type { SimulatorClock } from '../core/clock';
import { HttpProblem } from '../core/httpProblem';
import { indicatorProblem, text } from './indicatorRules';

/** An indicator as Defender lists it (the fields the reference documents). */
export interface SimulatedIndicator {
	id: string;
	indicatorValue: string;
	indicatorType: string;
	action: string;
	application: string | null;
	source: string;
	sourceType: 'User' | 'AadApp';
	createdBy: string;
	createdByDisplayName: string;
	createdBySource: string;
	creationTimeDateTimeUtc: string;
	expirationTime: string | null;
	lastUpdateTime: string;
	lastUpdatedBy: string;
	severity: string;
	title: string;
	description: string;
	recommendedActions: string | null;
	rbacGroupNames: string[];
	rbacGroupIds: number[];
	generateAlert: boolean;
}

/** Defender's tenant cap on active indicators (indicators-overview: it cannot be raised). */
export const ACTIVE_INDICATOR_LIMIT = 15_000;

type IndicatorSeed = Partial<SimulatedIndicator> &
	Pick<SimulatedIndicator, 'indicatorValue' | 'indicatorType' | 'action'>;

/** What `npm start` seeds: one indicator of most kinds, as an analyst would have added them in the portal. */
export const SAMPLE_INDICATORS: readonly IndicatorSeed[] = [
	{
		indicatorValue: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
		indicatorType: 'FileSha256',
		action: 'BlockAndRemediate',
		title: 'EICAR test file',
		severity: 'High',
	},
	{
		indicatorValue: '3395856ce81f2b7382dee72602f798b642f14140',
		indicatorType: 'FileSha1',
		action: 'Audit',
		generateAlert: true,
		title: 'EICAR test file (SHA-1)',
	},
	{
		indicatorValue: '203.0.113.15',
		indicatorType: 'IpAddress',
		action: 'Block',
		title: 'C2 server',
		severity: 'High',
	},
	{
		indicatorValue: 'malicious.example.com',
		indicatorType: 'DomainName',
		action: 'Warn',
		title: 'Phishing domain',
	},
	{
		indicatorValue: 'https://downloads.example.net/payload',
		indicatorType: 'Url',
		action: 'Block',
		title: 'Payload download',
	},
];

const valueKey = (type: string, value: string) => `${type}|${value.toLowerCase()}`;

/** The tenant's indicators: submit is an upsert on value and type [U], ids are numeric strings. */
export class IndicatorStore {
	readonly indicators = new Map<string, SimulatedIndicator>();
	/** Type and value to id, for the upsert; an entry whose id was deleted is stale and ignored. */
	private readonly byValue = new Map<string, string>();
	private nextId = 1000;

	constructor(
		private readonly clock: SimulatorClock,
		readonly limit: number = ACTIVE_INDICATOR_LIMIT,
	) {}

	/** What an app may see: Ti.ReadWrite.All sees every indicator, Ti.ReadWrite only those it created. */
	visibleTo(app: SimulatedApp): SimulatedIndicator[] {
		const all = [...this.indicators.values()];
		return app.roles.includes('Ti.ReadWrite.All')
			? all
			: all.filter((indicator) => indicator.createdBy === app.clientId);
	}

	find(app: SimulatedApp, id: string): SimulatedIndicator {
		const indicator = this.visibleTo(app).find((candidate) => candidate.id === id);
		if (!indicator) throw new HttpProblem(404, 'NotFound', `Indicator ${id} was not found`);
		return indicator;
	}

	/** Creates or updates one indicator; throws the 400 Defender answers for a bad one. */
	submit(app: SimulatedApp, params: Record<string, unknown>): SimulatedIndicator {
		const problem = indicatorProblem(params);
		if (problem) throw new HttpProblem(400, 'InvalidInput', problem);
		const value = String(params.indicatorValue);
		const type = String(params.indicatorType);
		const now = this.clock.iso();
		const existingId = this.byValue.get(valueKey(type, value));
		const existing = existingId === undefined ? undefined : this.indicators.get(existingId);
		if (!existing && this.indicators.size >= this.limit) {
			throw new HttpProblem(
				400,
				'MaxIndicatorsReached',
				`Cannot create indicator, the maximum number of ${this.limit} active indicators was reached`,
			);
		}
		const by = requestorOf(app);
		const groups = Array.isArray(params.rbacGroupNames) ? params.rbacGroupNames.map(String) : [];
		const indicator: SimulatedIndicator = {
			id: existing?.id ?? String(this.nextId++),
			indicatorValue: value,
			indicatorType: type,
			action: String(params.action),
			// Defender applies the application only when the indicator is created.
			application: existing ? existing.application : (text(params, 'application') ?? null),
			source: by,
			sourceType: 'AadApp',
			createdBy: existing?.createdBy ?? app.clientId,
			createdByDisplayName: existing?.createdByDisplayName ?? by,
			createdBySource: existing?.createdBySource ?? by,
			creationTimeDateTimeUtc: existing?.creationTimeDateTimeUtc ?? now,
			expirationTime: text(params, 'expirationTime') ?? null,
			lastUpdateTime: now,
			lastUpdatedBy: by,
			severity: text(params, 'severity') ?? 'Informational',
			title: String(params.title),
			description: String(params.description),
			recommendedActions: text(params, 'recommendedActions') ?? null,
			rbacGroupNames: groups,
			rbacGroupIds: groups.map((_, index) => index + 1),
			generateAlert: params.generateAlert === true,
		};
		this.indicators.set(indicator.id, indicator);
		this.byValue.set(valueKey(type, value), indicator.id);
		return indicator;
	}

	/** Seeds indicators as the portal would have made them (sourceType User), for the demo and tests. */
	seed(entries: readonly IndicatorSeed[]): SimulatedIndicator[] {
		return entries.map((entry) => {
			const now = this.clock.iso();
			const indicator: SimulatedIndicator = {
				id: String(this.nextId++),
				application: null,
				source: 'analyst@contoso.com',
				sourceType: 'User',
				createdBy: 'analyst@contoso.com',
				createdByDisplayName: 'Contoso analyst',
				createdBySource: 'Portal',
				creationTimeDateTimeUtc: now,
				expirationTime: null,
				lastUpdateTime: now,
				lastUpdatedBy: 'analyst@contoso.com',
				severity: 'Medium',
				title: `Seeded ${entry.indicatorType} indicator`,
				description: 'Seeded by the simulator',
				recommendedActions: null,
				rbacGroupNames: [],
				rbacGroupIds: [],
				generateAlert: false,
				...entry,
			};
			this.indicators.set(indicator.id, indicator);
			this.byValue.set(valueKey(indicator.indicatorType, indicator.indicatorValue), indicator.id);
			return indicator;
		});
	}
}
