import { db } from './database';

/**
 * Small app-wide preferences (role, theme, locale, parent-gate hash) as key/value rows.
 * Each verb is a single-row transaction and works offline.
 */

export async function get<T>(key: string, fallback: T): Promise<T> {
	const row = await db().settings.get(key);
	return row === undefined ? fallback : (row.value as T);
}

export async function put(key: string, value: unknown): Promise<void> {
	await db().settings.put({ key, value });
}

export async function remove(key: string): Promise<void> {
	await db().settings.delete(key);
}

export async function list(): Promise<Record<string, unknown>> {
	const rows = await db().settings.toArray();
	return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}
