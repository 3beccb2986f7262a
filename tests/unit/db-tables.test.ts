import { beforeEach, describe, expect, it } from 'vitest';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import * as children from '$lib/db/children';
import * as programs from '$lib/db/programs';
import * as therapistPrograms from '$lib/db/therapist-programs';
import * as checkins from '$lib/db/checkins';
import * as journalEntries from '$lib/db/journal-entries';
import * as photos from '$lib/db/photos';
import * as schedules from '$lib/db/schedules';
import * as scheduleRuns from '$lib/db/schedule-runs';
import * as reminderSettings from '$lib/db/reminder-settings';
import * as settings from '$lib/db/settings';
import type { CheckIn, Child } from '$lib/db/types';
import { sampleProgram } from './fixtures/programs';

let database: HomeplayDatabase;
beforeEach(async () => {
	database = new HomeplayDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(database);
	await database.open();
});

const child = (id: string, createdAt: number): Child => ({
	id,
	name: `Kid ${id}`,
	ageBand: '3-5',
	createdAt
});
const checkin = (id: string, childId: string, date: string, itemId = 'i1'): CheckIn => ({
	id,
	childId,
	programId: 'p1',
	itemId,
	date,
	status: 'done',
	createdAt: 1,
	updatedAt: 1
});

describe('children', () => {
	it('lists in the order they were added, gets, puts and removes', async () => {
		await children.put(child('b', 2));
		await children.put(child('a', 1));
		expect((await children.list()).map((c) => c.id)).toEqual(['a', 'b']);
		expect(await children.get('a')).toMatchObject({ name: 'Kid a' });
		await children.remove('a');
		expect(await children.get('a')).toBeUndefined();
	});

	it('removing a child removes everything recorded for them, and nothing of a sibling', async () => {
		await children.put(child('a', 1));
		await children.put(child('b', 2));
		await programs.put({
			id: 'p1',
			childId: 'a',
			version: 1,
			document: sampleProgram(),
			versions: [],
			importedAt: 1,
			updatedAt: 1
		});
		await checkins.put(checkin('c1', 'a', '2026-11-01'));
		await checkins.put(checkin('c2', 'b', '2026-11-01'));
		await journalEntries.put({
			id: 'j1',
			childId: 'a',
			date: '2026-11-01',
			text: 'hi',
			tags: [],
			photoIds: ['ph1'],
			createdAt: 1,
			updatedAt: 1
		});
		await photos.put({
			id: 'ph1',
			entryId: 'j1',
			display: new Blob(['x']),
			thumbnail: new Blob(['y']),
			width: 1,
			height: 1,
			createdAt: 1
		});
		await schedules.put({
			id: 's1',
			childId: 'a',
			kind: 'routine',
			title: 'Morning',
			steps: [],
			days: [1],
			createdAt: 1,
			updatedAt: 1
		});
		await scheduleRuns.put({
			id: 'r1',
			scheduleId: 's1',
			childId: 'a',
			date: '2026-11-01',
			stepsDone: [],
			stars: 0
		});
		await reminderSettings.put({ childId: 'a', times: [], timeZone: 'Europe/Berlin' });

		await children.remove('a');

		expect(await programs.list()).toEqual([]);
		expect((await checkins.list()).map((c) => c.id)).toEqual(['c2']);
		expect(await journalEntries.list()).toEqual([]);
		expect(await photos.list()).toEqual([]);
		expect(await schedules.list()).toEqual([]);
		expect(await scheduleRuns.list()).toEqual([]);
		expect(await reminderSettings.list()).toEqual([]);
		expect((await children.list()).map((c) => c.id)).toEqual(['b']);
	});
});

describe('programs', () => {
	it('lists a child’s programs, newest update first', async () => {
		await programs.put({
			id: 'p1',
			childId: 'a',
			version: 1,
			document: sampleProgram(),
			versions: [],
			importedAt: 1,
			updatedAt: 1
		});
		await programs.put({
			id: 'p2',
			childId: 'a',
			version: 3,
			document: sampleProgram(),
			versions: [],
			importedAt: 1,
			updatedAt: 5
		});
		await programs.put({
			id: 'p3',
			childId: 'b',
			version: 1,
			document: sampleProgram(),
			versions: [],
			importedAt: 1,
			updatedAt: 9
		});
		expect((await programs.listForChild('a')).map((p) => p.id)).toEqual(['p2', 'p1']);
		await programs.remove('p2');
		expect(await programs.get('p2')).toBeUndefined();
	});
});

describe('therapist programs', () => {
	it('lists the most recently edited first', async () => {
		await therapistPrograms.put({
			id: 't1',
			version: 1,
			childName: 'Mia',
			document: sampleProgram(),
			createdAt: 1,
			updatedAt: 10
		});
		await therapistPrograms.put({
			id: 't2',
			version: 1,
			childName: 'Leo',
			document: sampleProgram(),
			createdAt: 1,
			updatedAt: 20
		});
		expect((await therapistPrograms.list()).map((p) => p.id)).toEqual(['t2', 't1']);
		await therapistPrograms.remove('t2');
		expect(await therapistPrograms.get('t2')).toBeUndefined();
	});
});

describe('check-ins', () => {
	it('lists one child’s check-ins within a date range, inclusive', async () => {
		await checkins.putMany([
			checkin('1', 'a', '2026-10-31'),
			checkin('2', 'a', '2026-11-01'),
			checkin('3', 'a', '2026-11-07'),
			checkin('4', 'a', '2026-11-08'),
			checkin('5', 'b', '2026-11-02')
		]);
		const week = await checkins.listForChild('a', '2026-11-01', '2026-11-07');
		expect(week.map((c) => c.id)).toEqual(['2', '3']);
		await checkins.remove('2');
		expect(await checkins.get('2')).toBeUndefined();
	});

	it('putMany is all-or-nothing', async () => {
		const bad = { ...checkin('x', 'a', '2026-11-01'), id: undefined } as unknown as CheckIn;
		await expect(checkins.putMany([checkin('ok', 'a', '2026-11-01'), bad])).rejects.toThrow();
		expect(await checkins.list()).toEqual([]);
	});
});

describe('journal entries and photos', () => {
	it('keeps Blobs intact and removes an entry with its photos', async () => {
		await journalEntries.put({
			id: 'j1',
			childId: 'a',
			date: '2026-11-02',
			text: 'first coat button',
			tags: ['self-care'],
			photoIds: ['ph1'],
			createdAt: 1,
			updatedAt: 1
		});
		await journalEntries.put({
			id: 'j2',
			childId: 'a',
			date: '2026-11-05',
			text: 'later',
			tags: [],
			photoIds: [],
			createdAt: 1,
			updatedAt: 1
		});
		await photos.put({
			id: 'ph1',
			entryId: 'j1',
			display: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }),
			thumbnail: new Blob(['t']),
			width: 3,
			height: 1,
			createdAt: 1
		});

		expect((await journalEntries.listForChild('a')).map((e) => e.id)).toEqual(['j2', 'j1']);
		const [photo] = await photos.listForEntry('j1');
		expect(photo.display.type).toBe('image/webp');
		expect([...new Uint8Array(await photo.display.arrayBuffer())]).toEqual([1, 2, 3]);

		await journalEntries.remove('j1');
		expect(await journalEntries.get('j1')).toBeUndefined();
		expect(await photos.get('ph1')).toBeUndefined();
		await photos.put({
			id: 'ph2',
			entryId: 'j2',
			display: new Blob(['d']),
			thumbnail: new Blob(['t']),
			width: 1,
			height: 1,
			createdAt: 1
		});
		await photos.remove('ph2');
		expect(await photos.list()).toEqual([]);
	});
});

describe('schedules and runs', () => {
	it('finds a run by schedule and day, and removes a schedule with its runs', async () => {
		await schedules.put({
			id: 's1',
			childId: 'a',
			kind: 'routine',
			title: 'Morning',
			steps: [{ id: 'st1', label: 'Brush teeth', picture: 'pictogram:toothbrush' }],
			days: [1, 2, 3, 4, 5],
			createdAt: 1,
			updatedAt: 1
		});
		await schedules.put({
			id: 's2',
			childId: 'b',
			kind: 'first-then',
			title: 'Shoes then park',
			steps: [],
			days: [],
			createdAt: 1,
			updatedAt: 1
		});
		await scheduleRuns.put({
			id: 'r1',
			scheduleId: 's1',
			childId: 'a',
			date: '2026-11-02',
			stepsDone: ['st1'],
			stars: 1
		});
		expect((await schedules.listForChild('a')).map((s) => s.id)).toEqual(['s1']);
		expect(await scheduleRuns.getForDate('s1', '2026-11-02')).toMatchObject({ stars: 1 });
		expect(await scheduleRuns.listForChild('a', '2026-11-01', '2026-11-30')).toHaveLength(1);

		await schedules.remove('s1');
		expect(await schedules.get('s1')).toBeUndefined();
		expect(await scheduleRuns.get('r1')).toBeUndefined();
		await scheduleRuns.put({
			id: 'r2',
			scheduleId: 's2',
			childId: 'b',
			date: '2026-11-02',
			stepsDone: [],
			stars: 0
		});
		await scheduleRuns.remove('r2');
		expect(await scheduleRuns.list()).toEqual([]);
	});
});

describe('reminder settings', () => {
	it('are keyed by child', async () => {
		await reminderSettings.put({
			childId: 'a',
			times: [{ time: '07:30', days: [1, 2, 3, 4, 5] }],
			timeZone: 'Europe/Berlin'
		});
		expect(await reminderSettings.get('a')).toMatchObject({ times: [{ time: '07:30' }] });
		await reminderSettings.remove('a');
		expect(await reminderSettings.get('a')).toBeUndefined();
	});
});

describe('settings', () => {
	it('returns the fallback until a value is stored', async () => {
		expect(await settings.get('theme', 'system')).toBe('system');
		await settings.put('theme', 'dark');
		await settings.put('role', 'family');
		expect(await settings.get('theme', 'system')).toBe('dark');
		expect(await settings.list()).toEqual({ theme: 'dark', role: 'family' });
		await settings.remove('theme');
		expect(await settings.get('theme', 'system')).toBe('system');
	});
});
