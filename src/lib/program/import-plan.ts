import type { ProgramDoc } from './model';

/** What adding a program link would do, given what the device already holds. */
export type ImportPlan =
	| { kind: 'new' }
	| { kind: 'update'; childId: string; fromVersion: number }
	| { kind: 'same'; childId: string }
	| { kind: 'older'; childId: string; haveVersion: number };

export interface StoredProgram {
	id: string;
	childId: string;
	version: number;
}

/**
 * A higher version replaces the plan (check-ins stay: they live apart from the plan); the same
 * version changes nothing; an older version is refused.
 */
export function planImport(existing: StoredProgram | undefined, doc: ProgramDoc): ImportPlan {
	if (!existing) return { kind: 'new' };
	if (doc.version > existing.version)
		return { kind: 'update', childId: existing.childId, fromVersion: existing.version };
	if (doc.version === existing.version) return { kind: 'same', childId: existing.childId };
	return { kind: 'older', childId: existing.childId, haveVersion: existing.version };
}

const sameName = (a: string, b: string) =>
	a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/** The child a new program most likely belongs to: one with the same name, if any. */
export function suggestChild<C extends { id: string; name: string }>(
	children: readonly C[],
	doc: ProgramDoc
): C | undefined {
	return children.find((child) => sameName(child.name, doc.child.name));
}
