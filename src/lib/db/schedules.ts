import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { Schedule } from './types';

/** Kid-mode schedules (routines, first/then boards, the practice schedule). */
const verbs = tableVerbs(() => db().schedules);
export const { list, get, put } = verbs;

/** The schedules of one child. */
export function listForChild(childId: string): Promise<Schedule[]> {
	return db().schedules.where('childId').equals(childId).toArray();
}

/** Deletes a schedule and its runs in one transaction. */
export async function remove(scheduleId: string): Promise<void> {
	const d = db();
	await d.transaction('rw', d.schedules, d.scheduleRuns, async () => {
		await d.scheduleRuns
			.where('[scheduleId+date]')
			.between([scheduleId, ''], [scheduleId, '\uffff'])
			.delete();
		await d.schedules.delete(scheduleId);
	});
}
