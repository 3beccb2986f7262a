import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { Photo, Schedule } from './types';

/** Kid-mode schedules (routines, first/then boards, the practice schedule). */
const verbs = tableVerbs(() => db().schedules);
export const { list, get, put } = verbs;

/** The schedules of one child. */
export function listForChild(childId: string): Promise<Schedule[]> {
	return db().schedules.where('childId').equals(childId).toArray();
}

/** Deletes a schedule with its runs and its step photos in one transaction. */
export async function remove(scheduleId: string): Promise<void> {
	const d = db();
	await d.transaction('rw', d.schedules, d.scheduleRuns, d.photos, async () => {
		await d.scheduleRuns
			.where('[scheduleId+date]')
			.between([scheduleId, ''], [scheduleId, '\uffff'])
			.delete();
		await d.photos.where('entryId').equals(scheduleId).delete();
		await d.schedules.delete(scheduleId);
	});
}

/**
 * Saves a schedule with the photos its steps use, in one transaction over schedules and
 * photos: new photos are added, and photos no step uses any more are deleted. Works offline;
 * a full disk fails the whole save and leaves the earlier version intact.
 */
export async function saveWithPhotos(schedule: Schedule, newPhotos: Photo[]): Promise<void> {
	const d = db();
	const used = new Set(
		schedule.steps
			.map((step) => step.picture)
			.filter((picture) => picture.startsWith('photo:'))
			.map((picture) => picture.slice('photo:'.length))
	);
	await d.transaction('rw', d.schedules, d.photos, async () => {
		await d.photos.bulkPut(newPhotos.filter((photo) => used.has(photo.id)));
		const stale = await d.photos
			.where('entryId')
			.equals(schedule.id)
			.filter((photo) => !used.has(photo.id))
			.primaryKeys();
		await d.photos.bulkDelete(stale);
		await d.schedules.put(schedule);
	});
}
