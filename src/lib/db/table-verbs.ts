import type { Table } from 'dexie';

/**
 * The plain verbs every table module shares. Each call is its own single-table transaction and
 * works offline: IndexedDB lives on the device and needs no network.
 */
export function tableVerbs<Row, Key extends string, Insert = Row>(
	table: () => Table<Row, Key, Insert>
) {
	return {
		/** Every row of the table, in key order. */
		list: (): Promise<Row[]> => table().toArray(),
		/** One row by key, or undefined. */
		get: (key: Key): Promise<Row | undefined> => table().get(key),
		/** Inserts or replaces one row; resolves to its key. */
		put: (row: Insert): Promise<Key> => table().put(row),
		/** Deletes one row by key; deleting a missing key is not an error. */
		remove: (key: Key): Promise<void> => table().delete(key)
	};
}
