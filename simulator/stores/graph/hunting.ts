import { HttpProblem } from '../../core/httpProblem';
import { deterministicMachineId, machineName } from '../machines';

/** A hunting table: its schema and rows (values as Graph sends them: dynamic columns as JSON text [U]). */
interface Table {
	schema: Array<{ name: string; type: string }>;
	rows: Array<Record<string, unknown>>;
}

/** The hash most sample process events ran, for tests and the demo. */
export const SAMPLE_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

/** The machines (seedMachines' indices) that ran the sample hash in the last week, so a hunt's devices can be isolated. */
export const SAMPLE_HASH_MACHINES = [6, 7, 8];

const DAY_MS = 86_400_000;

/**
 * The sample tables as of `now`, on the machines seedMachines creates: machines 6, 7 and 8 ran the
 * sample hash in the last week (6 twice), 9 ten days ago; 8 also ran another file.
 */
export function huntingTables(now: number): Record<string, Table> {
	const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();
	const event = (daysAgo: number, machine: number, sha256: string, processId: number) => ({
		Timestamp: at(daysAgo),
		DeviceId: deterministicMachineId(machine),
		DeviceName: machineName(machine),
		FileName: sha256 === SAMPLE_SHA256 ? 'mimikatz.exe' : 'notepad.exe',
		SHA256: sha256,
		ProcessId: processId,
		AdditionalFields: JSON.stringify({ integrityLevel: 'High', signed: false }),
	});
	return {
		DeviceProcessEvents: {
			schema: [
				{ name: 'Timestamp', type: 'DateTime' },
				{ name: 'DeviceId', type: 'String' },
				{ name: 'DeviceName', type: 'String' },
				{ name: 'FileName', type: 'String' },
				{ name: 'SHA256', type: 'String' },
				{ name: 'ProcessId', type: 'Int64' },
				{ name: 'AdditionalFields', type: 'Dynamic' },
			],
			rows: [
				event(1, 6, SAMPLE_SHA256, 4012),
				event(2, 7, SAMPLE_SHA256, 5120),
				event(3, 8, SAMPLE_SHA256, 612),
				event(3, 8, 'a'.repeat(64), 700),
				event(5, 6, SAMPLE_SHA256, 4388),
				event(10, 9, SAMPLE_SHA256, 88),
			],
		},
	};
}

const badRequest = (message: string) => new HttpProblem(400, 'BadRequest', message);

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i;

/** The start of the time window: Graph's default is 30 days; only plain durations are modelled here. */
function windowStart(now: number, timespan: unknown): number {
	if (timespan === undefined || timespan === null || timespan === '') return now - 30 * DAY_MS;
	const match = typeof timespan === 'string' ? DURATION.exec(timespan) : null;
	if (!match || timespan === 'P' || timespan === 'PT') {
		throw badRequest(
			`Timespan ${JSON.stringify(timespan)} is unsupported in the simulator: use a duration such as P7D or PT12H`,
		);
	}
	const [days, hours, minutes] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
	return now - (days * DAY_MS + hours * 3_600_000 + minutes * 60_000);
}

const WHERE = /^where\s+(\w+)\s*(==|!=|=~|has)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?))$/i;

/**
 * A tiny KQL: `Table | where Col ==|!=|=~|has "v" | take N | project A, B`. Anything else is an
 * honest "unsupported in the simulator" error, not a guess at what Kusto would do.
 */
export function runKql(
	query: string,
	timespan: unknown,
	now: number,
): { schema: Table['schema']; results: Array<Record<string, unknown>> } {
	const [tableName, ...steps] = query.split('|').map((part) => part.trim());
	const tables = huntingTables(now);
	if (!tableName || !/^\w+$/.test(tableName))
		throw badRequest(`Query could not be parsed at '${tableName ?? ''}' on line [1,0]`);
	const table = tables[tableName];
	if (!table) throw badRequest(`Failed to resolve table or column expression named '${tableName}'`);
	const start = windowStart(now, timespan);
	let schema = table.schema;
	let rows = table.rows.filter((row) => Date.parse(String(row.Timestamp)) >= start);
	const column = (name: string) => {
		if (!schema.some((entry) => entry.name === name))
			throw badRequest(`Failed to resolve table or column expression named '${name}'`);
		return name;
	};
	for (const step of steps) {
		const where = WHERE.exec(step);
		const take = /^(?:take|limit)\s+(\d+)$/i.exec(step);
		const project = /^project\s+(\w+(?:\s*,\s*\w+)*)$/i.exec(step);
		if (where) {
			const name = column(where[1]);
			const operator = where[2].toLowerCase();
			const value = where[3] ?? where[4] ?? Number(where[5]);
			rows = rows.filter((row) => {
				const cell = row[name];
				if (operator === '==') return cell === value;
				if (operator === '!=') return cell !== value;
				const [text, wanted] = [String(cell).toLowerCase(), String(value).toLowerCase()];
				return operator === '=~' ? text === wanted : text.includes(wanted);
			});
		} else if (take) {
			rows = rows.slice(0, Number(take[1]));
		} else if (project) {
			const names = project[1].split(',').map((name) => column(name.trim()));
			schema = names.map(
				(name) => schema.find((entry) => entry.name === name) ?? { name, type: 'String' },
			);
			rows = rows.map((row) => Object.fromEntries(names.map((name) => [name, row[name]])));
		} else {
			throw badRequest(
				`Unsupported in the simulator: '${step.split(/\s/)[0]}'. It runs only where (==, !=, =~, has), take, limit and project.`,
			);
		}
	}
	return { schema, results: rows };
}
