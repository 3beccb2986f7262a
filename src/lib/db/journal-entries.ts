import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { IsoDate, JournalEntry } from './types';

/** Progress-journal entries; their photos live in the photos table. */
const verbs = tableVerbs(() => db().journalEntries);
export const { list, get, put } = verbs;

/** A child's entries between two dates inclusive, newest first. */
export async function listForChild(
	childId: string,
	from: IsoDate = '',
	to: IsoDate = '\uffff'
): Promise<JournalEntry[]> {
	const rows = await db()
		.journalEntries.where('[childId+date]')
		.between([childId, from], [childId, to], true, true)
		.toArray();
	return rows.reverse();
}

/** Deletes an entry and its photos in one transaction. */
export async function remove(entryId: string): Promise<void> {
	const d = db();
	await d.transaction('rw', d.journalEntries, d.photos, async () => {
		await d.photos.where('entryId').equals(entryId).delete();
		await d.journalEntries.delete(entryId);
	});
}
