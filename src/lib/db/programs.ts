import { db, effectiveFrom, newId } from './database';
import type { ProgramDoc } from '$lib/program/model';
import { planImport, type ImportPlan } from '$lib/program/import-plan';
import { tableVerbs } from './table-verbs';
import type { Program } from './types';
import type { ProgramPlan } from '$lib/schedule/due';

/** Home programs the family received from a therapist (one row per program id, latest version). */
export const { list, get, put, remove } = tableVerbs(() => db().programs);

/** The programs of one child, most recently updated first. */
export async function listForChild(childId: string): Promise<Program[]> {
	const rows = await db().programs.where('childId').equals(childId).toArray();
	return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

export type ImportTarget = { childId: string } | { newChild: true };

/**
 * Adds or updates a program from a link, with its child, in one transaction over children and
 * programs: the plan is decided again inside it, so two tabs cannot both add the same program.
 * A new version replaces the plan and leaves every check-in alone; the same or an older version
 * writes nothing. Works offline.
 */
export async function importProgram(
	doc: ProgramDoc,
	target: ImportTarget,
	now = Date.now()
): Promise<{ plan: ImportPlan; childId: string }> {
	const d = db();
	return d.transaction('rw', d.children, d.programs, async () => {
		const existing = await d.programs.get(doc.id);
		const plan = planImport(existing, doc);
		if (plan.kind === 'same' || plan.kind === 'older') return { plan, childId: plan.childId };
		const version = {
			version: doc.version,
			effectiveFrom: effectiveFrom(doc.startDate, now),
			document: doc
		};
		if (plan.kind === 'update') {
			await d.programs.put({
				...existing!,
				version: doc.version,
				document: doc,
				versions: [...existing!.versions, version],
				updatedAt: now
			});
			return { plan, childId: plan.childId };
		}
		let childId: string;
		if ('childId' in target) {
			if (!(await d.children.get(target.childId)))
				throw new Error('That child is not on this device');
			childId = target.childId;
		} else {
			childId = newId();
			await d.children.add({
				id: childId,
				name: doc.child.name,
				ageBand: doc.child.ageBand,
				createdAt: now
			});
		}
		await d.programs.add({
			id: doc.id,
			childId,
			version: doc.version,
			document: doc,
			versions: [version],
			importedAt: now,
			updatedAt: now
		});
		return { plan, childId };
	});
}

/** A program as the schedule logic sees it: its versions and when each applied. */
export function toPlan(program: Program): ProgramPlan {
	return {
		programId: program.id,
		versions: program.versions.map((v) => ({
			version: v.version,
			effectiveFrom: v.effectiveFrom,
			doc: v.document
		})),
		endDate: program.endDate
	};
}
