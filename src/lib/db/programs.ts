import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { Program } from './types';

/** Home programs the family received from a therapist (one row per program id, latest version). */
export const { list, get, put, remove } = tableVerbs(() => db().programs);

/** The programs of one child, most recently updated first. */
export async function listForChild(childId: string): Promise<Program[]> {
	const rows = await db().programs.where('childId').equals(childId).toArray();
	return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}
