import { RateBudget } from './rateBudget';
import { FirstTokenGate } from './tokenGate';

const budgets = new Map<string, RateBudget>();
const tokenGates = new Map<string, FirstTokenGate>();

function shared<T>(map: Map<string, T>, key: string, create: () => T): T {
	let entry = map.get(key);
	if (!entry) {
		entry = create();
		map.set(key, entry);
	}
	return entry;
}

/** The budget one API has for one app registration in this process; the key names tenant and client, never a secret. */
export const rateBudgetFor = (appKey: string, api: string): RateBudget =>
	shared(budgets, `${appKey}|${api}`, () => new RateBudget());

/** The first-token gate of an app registration in this process. */
export const tokenGateFor = (appKey: string): FirstTokenGate =>
	shared(tokenGates, appKey, () => new FirstTokenGate());
