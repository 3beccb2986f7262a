import { db } from './database';
import { tableVerbs } from './table-verbs';
import type { ReminderSetting } from './types';

/** Reminder times per child, and the push subscription they are registered under. */
export const { list, get, put, remove } = tableVerbs(() => db().reminderSettings);

/**
 * Changes some fields of one child's row (a field set to `undefined` is removed) and leaves the
 * others as they are now, so a background write cannot undo an edit saved meanwhile. Resolves
 * to false when the child has no row.
 */
export async function update(
	childId: string,
	changes: Partial<Omit<ReminderSetting, 'childId'>>
): Promise<boolean> {
	return (await db().reminderSettings.update(childId, changes)) > 0;
}
