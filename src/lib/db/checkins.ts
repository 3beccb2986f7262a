import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { CheckIn, IsoDate } from './types';

/** Daily check-ins: one row per child, program item and day. */
export const { list, get, put, remove } = tableVerbs(() => db().checkins);

/** A child's check-ins from `from` to `to` inclusive, by date (uses the [childId+date] index). */
export function listForChild(childId: string, from: IsoDate, to: IsoDate): Promise<CheckIn[]> {
	return db()
		.checkins.where('[childId+date]')
		.between([childId, from], [childId, to], true, true)
		.toArray();
}

/** Saves several check-ins in one transaction: all are stored, or none. */
export async function putMany(rows: CheckIn[]): Promise<void> {
	const table = db().checkins;
	// Outside a transaction bulkPut keeps the rows that succeeded; inside one, a failure aborts all.
	await db().transaction('rw', table, () => table.bulkPut(rows));
}

/**
 * Logs (or re-logs) one item on one day: the id is fixed per program item and day, so this
 * replaces an earlier answer for that day. Returns the row as it was before, for undo.
 * One single-table transaction; works offline.
 */
export async function record(row: CheckIn): Promise<CheckIn | undefined> {
	const table = db().checkins;
	return db().transaction('rw', table, async () => {
		const before = await table.get(row.id);
		await table.put(row);
		return before;
	});
}

/** Puts back what `record` replaced (or removes the row when there was nothing before). */
export async function restore(id: string, before: CheckIn | undefined): Promise<void> {
	const table = db().checkins;
	await db().transaction('rw', table, async () => {
		if (before) await table.put(before);
		else await table.delete(id);
	});
}
