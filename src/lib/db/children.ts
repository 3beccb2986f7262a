import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { Child } from './types';

/** The children a family keeps programs for. */
const verbs = tableVerbs(() => db().children);
export const { get, put } = verbs;

/** All children, oldest first (the order the family added them). */
export async function list(): Promise<Child[]> {
	return (await db().children.toArray()).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Removes a child and everything recorded for them (programs, check-ins, journal with photos,
 * schedules and runs, reminders) in one transaction: either all of it goes or none.
 */
export async function remove(childId: string): Promise<void> {
	const d = db();
	await d.transaction(
		'rw',
		[
			d.children,
			d.programs,
			d.checkins,
			d.journalEntries,
			d.photos,
			d.schedules,
			d.scheduleRuns,
			d.reminderSettings
		],
		async () => {
			const entries = await d.journalEntries
				.where('[childId+date]')
				.between([childId, ''], [childId, '\uffff'])
				.toArray();
			await d.photos
				.where('entryId')
				.anyOf(entries.map((e) => e.id))
				.delete();
			await d.journalEntries.bulkDelete(entries.map((e) => e.id));
			const schedules = await d.schedules.where('childId').equals(childId).primaryKeys();
			await d.photos.where('entryId').anyOf(schedules).delete();
			await d.scheduleRuns
				.where('[childId+date]')
				.between([childId, ''], [childId, '\uffff'])
				.delete();
			await d.schedules.bulkDelete(schedules);
			await d.checkins.where('[childId+date]').between([childId, ''], [childId, '\uffff']).delete();
			await d.programs.where('childId').equals(childId).delete();
			await d.reminderSettings.delete(childId);
			await d.children.delete(childId);
		}
	);
}
