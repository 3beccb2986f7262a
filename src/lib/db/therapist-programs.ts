import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { TherapistProgram } from './types';

/** Programs a therapist builds on their own device. */
const verbs = tableVerbs(() => db().therapistPrograms);
export const { get, put, remove } = verbs;

/** All of the therapist's programs, most recently edited first. */
export async function list(): Promise<TherapistProgram[]> {
	return db().therapistPrograms.orderBy('updatedAt').reverse().toArray();
}
