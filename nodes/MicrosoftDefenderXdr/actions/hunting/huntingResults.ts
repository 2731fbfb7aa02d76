import type { IDataObject } from 'n8n-workflow';

/** One column of a hunting answer's schema. The doc's examples spell its keys name/type and Name/Type. */
interface Column {
	name: string;
	type: string;
}

const readKey = (entry: IDataObject, key: string): unknown =>
	entry[key] ?? entry[key.charAt(0).toUpperCase() + key.slice(1)];

/** The schema and rows of a runHuntingQuery answer, read case-insensitively (the old MDE API answered Schema/Results). */
export function readHuntingAnswer(answer: IDataObject): { columns: Column[]; rows: IDataObject[] } {
	const schema = readKey(answer, 'schema');
	const results = readKey(answer, 'results');
	const columns = (Array.isArray(schema) ? (schema as IDataObject[]) : []).map((column) => ({
		name: String(readKey(column, 'name') ?? ''),
		type: String(readKey(column, 'type') ?? '').toLowerCase(),
	}));
	return { columns, rows: Array.isArray(results) ? (results as IDataObject[]) : [] };
}

function typed(value: unknown, type: string): unknown {
	if (value === null || value === undefined) return value ?? null;
	switch (type) {
		case 'datetime': {
			const ms = typeof value === 'string' ? Date.parse(value) : NaN;
			// Keep Graph's own text (7 decimals) when it already is ISO 8601; only other forms are rewritten.
			if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return value;
			return Number.isNaN(ms) ? value : new Date(ms).toISOString();
		}
		case 'dynamic':
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value) as unknown;
			} catch {
				return value;
			}
		case 'int':
		case 'int32':
		case 'int64':
		case 'long':
		case 'double':
		case 'real':
		case 'decimal': {
			if (typeof value !== 'string') return value;
			const number = Number(value);
			// A long beyond 2^53 would lose digits as a number: it stays text.
			return Number.isFinite(number) && (Number.isSafeInteger(number) || !/^-?\d+$/.test(value))
				? number
				: value;
		}
		case 'boolean':
		case 'bool':
			return value === true || value === 'true' || value === 'True' || value === 1;
		default:
			return value;
	}
}

/** One row with each column's value in the schema's type: dates as ISO strings, dynamic columns as objects. */
export const typedRow = (row: IDataObject, columns: Column[]): IDataObject =>
	Object.fromEntries(
		Object.entries(row).map(([key, value]) => [
			key,
			typed(value, columns.find((column) => column.name === key)?.type ?? ''),
		]),
	) as IDataObject;
