import { db } from './database';
import { tableVerbs } from './table-verbs';

/** Reminder times per child, and the push subscription they are registered under. */
export const { list, get, put, remove } = tableVerbs(() => db().reminderSettings);
