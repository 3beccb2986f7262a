import { beforeEach, describe, expect, it } from 'vitest';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import * as checkins from '$lib/db/checkins';
import * as children from '$lib/db/children';
import * as programs from '$lib/db/programs';
import { planImport, suggestChild } from '$lib/program/import-plan';
import { sampleProgram } from './fixtures/programs';

beforeEach(async () => {
	const database = new HomeplayDatabase(`import-${crypto.randomUUID()}`);
	useDatabase(database);
	await database.open();
});

describe('planImport', () => {
	const doc = sampleProgram();
	it('is new, an update, the same or older, by version', () => {
		expect(planImport(undefined, doc)).toEqual({ kind: 'new' });
		const stored = { id: doc.id, childId: 'c1', version: 2 };
		expect(planImport(stored, { ...doc, version: 3 })).toEqual({
			kind: 'update',
			childId: 'c1',
			fromVersion: 2
		});
		expect(planImport(stored, { ...doc, version: 2 })).toEqual({ kind: 'same', childId: 'c1' });
		expect(planImport(stored, { ...doc, version: 1 })).toEqual({
			kind: 'older',
			childId: 'c1',
			haveVersion: 2
		});
	});

	it('suggests the child with the same name, ignoring case and accents', () => {
		const kids = [
			{ id: 'a', name: 'Léo' },
			{ id: 'b', name: ' mia ' }
		];
		expect(suggestChild(kids, doc)?.id).toBe('b');
		expect(suggestChild(kids, { ...doc, child: { ...doc.child, name: 'Leo' } })?.id).toBe('a');
		expect(suggestChild(kids, { ...doc, child: { ...doc.child, name: 'Noah' } })).toBeUndefined();
	});
});

describe('importProgram', () => {
	it('creates the child and the program together', async () => {
		const doc = sampleProgram();
		const { plan, childId } = await programs.importProgram(doc, { newChild: true }, 1000);
		expect(plan.kind).toBe('new');
		expect(await children.get(childId)).toMatchObject({ name: 'Mia', ageBand: '3-5' });
		expect(await programs.get(doc.id)).toMatchObject({ childId, version: 1, document: doc });
	});

	it('an update replaces the plan and keeps every check-in; same or older writes nothing', async () => {
		const doc = sampleProgram();
		const { childId } = await programs.importProgram(doc, { newChild: true }, 1000);
		await checkins.put({
			id: 'k1',
			childId,
			programId: doc.id,
			itemId: doc.items[0].id,
			date: '2026-11-24',
			status: 'done',
			createdAt: 1,
			updatedAt: 1
		});
		const v2 = { ...sampleProgram({ libraryItems: 5 }), version: 2 };
		expect((await programs.importProgram(v2, { newChild: true }, 2000)).plan.kind).toBe('update');
		expect(await programs.get(doc.id)).toMatchObject({
			version: 2,
			importedAt: 1000,
			updatedAt: 2000
		});
		expect((await programs.get(doc.id))?.document.items).toHaveLength(6);
		expect(await checkins.list()).toHaveLength(1);
		expect(await children.list()).toHaveLength(1);

		expect((await programs.importProgram(v2, { newChild: true }, 3000)).plan.kind).toBe('same');
		expect((await programs.importProgram(doc, { newChild: true }, 3000)).plan).toEqual({
			kind: 'older',
			childId,
			haveVersion: 2
		});
		expect(await programs.get(doc.id)).toMatchObject({ version: 2, updatedAt: 2000 });
		expect(await children.list()).toHaveLength(1);
	});

	it('adds a second program to an existing child, and refuses a child that is gone', async () => {
		const first = sampleProgram();
		const { childId } = await programs.importProgram(first, { newChild: true });
		const second = { ...sampleProgram(), id: 'Other12345' };
		await programs.importProgram(second, { childId });
		expect((await programs.listForChild(childId)).map((p) => p.id).sort()).toEqual(
			['Other12345', first.id].sort()
		);
		const third = { ...sampleProgram(), id: 'Third12345' };
		await expect(programs.importProgram(third, { childId: 'gone' })).rejects.toThrow();
		expect(await programs.get('Third12345')).toBeUndefined();
	});
});
