import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HomeplayDatabase, SCHEMA_V1, useDatabase } from '$lib/db/database';
import * as checkins from '$lib/db/checkins';
import * as programs from '$lib/db/programs';
import { sampleProgram } from './fixtures/programs';

/** Data written by each earlier schema version must open, migrated, in the current one. */
describe('schema migrations', () => {
	it('v1 → v2: programs gain their version history; other data is untouched', async () => {
		const name = `migrate-${crypto.randomUUID()}`;
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_V1);
		const doc = sampleProgram(); // starts 2026-11-23
		const importedAt = new Date(2026, 10, 25, 15, 30).getTime(); // 25 Nov, local time
		await v1.table('programs').put({
			id: doc.id,
			childId: 'c1',
			version: 1,
			document: doc,
			importedAt,
			updatedAt: importedAt
		});
		await v1.table('children').put({ id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1 });
		await v1.table('checkins').put({
			id: 'k1',
			childId: 'c1',
			programId: doc.id,
			itemId: doc.items[0].id,
			date: '2026-11-25',
			status: 'done',
			createdAt: 1,
			updatedAt: 1
		});
		v1.close();

		const current = new HomeplayDatabase(name);
		useDatabase(current);
		await current.open();
		expect(current.verno).toBe(2);
		const program = await programs.get(doc.id);
		expect(program?.versions).toEqual([{ version: 1, effectiveFrom: '2026-11-25', document: doc }]);
		expect(programs.toPlan(program!).versions[0]).toMatchObject({
			version: 1,
			effectiveFrom: '2026-11-25'
		});
		expect(await checkins.get('k1')).toMatchObject({ status: 'done' });
		current.close();
	});
});
