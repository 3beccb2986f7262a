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
