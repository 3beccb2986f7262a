import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { IsoDate, ScheduleRun } from './types';

/** What a child checked off in a schedule on a given day, and the stars earned. */
export const { list, get, put, remove } = tableVerbs(() => db().scheduleRuns);

/** The run of one schedule on one day, if the child has started it. */
export function getForDate(scheduleId: string, date: IsoDate): Promise<ScheduleRun | undefined> {
	return db().scheduleRuns.where('[scheduleId+date]').equals([scheduleId, date]).first();
}

/** A child's runs between two dates inclusive. */
export function listForChild(childId: string, from: IsoDate, to: IsoDate): Promise<ScheduleRun[]> {
	return db()
		.scheduleRuns.where('[childId+date]')
		.between([childId, from], [childId, to], true, true)
		.toArray();
}

/** Stars a child earned from `since` on (inclusive). */
export async function starsSince(childId: string, since: IsoDate): Promise<number> {
	const runs = await listForChild(childId, since, '\uffff');
	return runs.reduce((sum, run) => sum + run.stars, 0);
}
