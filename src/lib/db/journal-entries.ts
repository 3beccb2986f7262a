import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { IsoDate, JournalEntry, Photo } from './types';

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

/**
 * A page of a child's entries, newest first: `before` is the [date, id] of the last entry
 * already shown. Paging keeps the timeline's memory bounded however long the journal grows.
 */
export async function listPage(
	childId: string,
	limit: number,
	before?: { date: IsoDate; id: string }
): Promise<JournalEntry[]> {
	const rows = await db()
		.journalEntries.where('[childId+date]')
		.between([childId, ''], [childId, before?.date ?? '\uffff'], true, true)
		.reverse()
		.filter(
			(row) => !before || row.date < before.date || (row.date === before.date && row.id < before.id)
		)
		.limit(limit)
		.toArray();
	// Entries of one day come newest-created first.
	return rows.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}

/**
 * Saves an entry with its photos in one transaction over entries and photos: new photos are
 * added, removed ones deleted, all or nothing. When the disk is full this rejects and nothing is
 * written; the caller can then save the text alone (see the journal editor). Works offline.
 */
export async function saveWithPhotos(
	entry: JournalEntry,
	newPhotos: Photo[],
	removedPhotoIds: string[]
): Promise<void> {
	const d = db();
	await d.transaction('rw', d.journalEntries, d.photos, async () => {
		if (removedPhotoIds.length) await d.photos.bulkDelete(removedPhotoIds);
		if (newPhotos.length) await d.photos.bulkAdd(newPhotos);
		await d.journalEntries.put(entry);
	});
}

/**
 * Saves an entry and its new photos; if the device is out of space, saves the entry's text
 * (with the photos it already had) instead, so the family's words are never lost. Each attempt
 * is one transaction; `photosSaved` says which one went through.
 */
export async function saveEntry(
	entry: JournalEntry,
	newPhotos: Photo[],
	removedPhotoIds: string[],
	isQuotaError: (error: unknown) => boolean
): Promise<{ photosSaved: boolean }> {
	try {
		await saveWithPhotos(entry, newPhotos, removedPhotoIds);
		return { photosSaved: true };
	} catch (error) {
		if (!isQuotaError(error) || newPhotos.length === 0) throw error;
		const added = new Set(newPhotos.map((photo) => photo.id));
		const textOnly = { ...entry, photoIds: entry.photoIds.filter((id) => !added.has(id)) };
		await saveWithPhotos(textOnly, [], removedPhotoIds);
		return { photosSaved: false };
	}
}

/** Puts back an entry and its photos after a delete (undo), in one transaction. */
export async function restore(entry: JournalEntry, photos: Photo[]): Promise<void> {
	const d = db();
	await d.transaction('rw', d.journalEntries, d.photos, async () => {
		await d.photos.bulkPut(photos);
		await d.journalEntries.put(entry);
	});
}
