import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { Photo } from './types';

/** Journal photos as processed on the device (display image and thumbnail, no originals). */
export const { list, get, put, remove } = tableVerbs(() => db().photos);

/** The photos of one journal entry. */
export function listForEntry(entryId: string): Promise<Photo[]> {
	return db().photos.where('entryId').equals(entryId).toArray();
}
