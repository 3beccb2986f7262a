import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { TherapistProgram } from './types';
import type { ProgramDoc } from '$lib/program/model';

/** Programs a therapist builds on their own device. */
const verbs = tableVerbs(() => db().therapistPrograms);
export const { get, put, remove } = verbs;

/** All of the therapist's programs, most recently edited first. */
export async function list(): Promise<TherapistProgram[]> {
	return db().therapistPrograms.orderBy('updatedAt').reverse().toArray();
}

const HISTORY_LIMIT = 50;

const sameContent = (a: ProgramDoc, b: ProgramDoc) =>
	JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });

/**
 * Saves the program as its next version (version 1 when it is new), keeping earlier versions
 * in `history` so a family's report can be matched to the version it was made for. Saving
 * unchanged content keeps the current version. One single-table transaction; works offline.
 */
export async function saveVersion(doc: ProgramDoc, now = Date.now()): Promise<TherapistProgram> {
	const table = db().therapistPrograms;
	return db().transaction('rw', table, async () => {
		const existing = await table.get(doc.id);
		if (existing && sameContent(existing.document, doc)) return existing;
		const version = existing ? existing.document.version + 1 : 1;
		const document = { ...doc, version };
		const row: TherapistProgram = {
			id: doc.id,
			version,
			childName: doc.child.name,
			document,
			history: [...(existing?.history ?? []), document].slice(-HISTORY_LIMIT),
			createdAt: existing?.createdAt ?? now,
			updatedAt: now
		};
		await table.put(row);
		return row;
	});
}

/** The program as it was at `version`, if this device still knows that version. */
export function versionOf(row: TherapistProgram, version: number): ProgramDoc | undefined {
	if (row.document.version === version) return row.document;
	return row.history?.find((doc) => doc.version === version);
}
