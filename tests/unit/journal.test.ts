import { beforeEach, describe, expect, it } from 'vitest';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import * as entries from '$lib/db/journal-entries';
import * as photos from '$lib/db/photos';
import type { JournalEntry, Photo } from '$lib/db/types';
import { isQuotaError } from '$lib/photos/quota-error';

let database: HomeplayDatabase;
const state = { full: false };

beforeEach(async () => {
	state.full = false;
	database = new HomeplayDatabase(`journal-${crypto.randomUUID()}`);
	// A disk that fills up on demand: photo writes fail as a real quota error would.
	database.use({
		stack: 'dbcore',
		name: 'out-of-space',
		create: (down) => ({
			...down,
			table: (name) => {
				const inner = down.table(name);
				return {
					...inner,
					mutate: (request) =>
						state.full && name === 'photos' && (request.type === 'add' || request.type === 'put')
							? Promise.reject(
									new DOMException('The quota has been exceeded.', 'QuotaExceededError')
								)
							: inner.mutate(request)
				};
			}
		})
	});
	useDatabase(database);
	await database.open();
});

const entry = (id: string, date: string, photoIds: string[] = []): JournalEntry => ({
	id,
	childId: 'c1',
	date,
	text: `Entry ${id}`,
	tags: [],
	photoIds,
	createdAt: 1,
	updatedAt: 1
});
const photo = (id: string, entryId: string): Photo => ({
	id,
	entryId,
	display: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }),
	thumbnail: new Blob([new Uint8Array([4])], { type: 'image/webp' }),
	width: 3,
	height: 1,
	createdAt: 1
});

describe('journal', () => {
	it('saves an entry with its photos in one go, and removes photos taken out', async () => {
		expect(
			await entries.saveEntry(
				entry('e1', '2026-11-02', ['p1', 'p2']),
				[photo('p1', 'e1'), photo('p2', 'e1')],
				[],
				isQuotaError
			)
		).toEqual({ photosSaved: true });
		expect((await photos.listForEntry('e1')).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
		await entries.saveEntry(entry('e1', '2026-11-02', ['p2']), [], ['p1'], isQuotaError);
		expect((await photos.listForEntry('e1')).map((p) => p.id)).toEqual(['p2']);
	});

	it('keeps the text when the disk is full, and loses nothing that was there', async () => {
		await entries.saveEntry(
			entry('e1', '2026-11-02', ['p1']),
			[photo('p1', 'e1')],
			[],
			isQuotaError
		);
		state.full = true;
		const edited = { ...entry('e1', '2026-11-02', ['p1', 'p2']), text: 'New words' };
		expect(await entries.saveEntry(edited, [photo('p2', 'e1')], [], isQuotaError)).toEqual({
			photosSaved: false
		});
		expect(await entries.get('e1')).toMatchObject({ text: 'New words', photoIds: ['p1'] });
		expect((await photos.listForEntry('e1')).map((p) => p.id)).toEqual(['p1']);
	});

	it('pages through a long journal newest first without repeats', async () => {
		for (let i = 0; i < 25; i++)
			await entries.put(
				entry(`e${String(i).padStart(2, '0')}`, `2026-10-${String(1 + (i % 10)).padStart(2, '0')}`)
			);
		const seen: string[] = [];
		let page = await entries.listPage('c1', 10);
		while (page.length) {
			seen.push(...page.map((e) => e.id));
			const last = page.at(-1)!;
			page = await entries.listPage('c1', 10, { date: last.date, id: last.id });
		}
		expect(seen).toHaveLength(25);
		expect(new Set(seen).size).toBe(25);
		const dates = await Promise.all(seen.map(async (id) => (await entries.get(id))!.date));
		expect(dates).toEqual([...dates].sort().reverse());
	});

	it('undo puts back an entry with its photos', async () => {
		await entries.saveEntry(
			entry('e1', '2026-11-02', ['p1']),
			[photo('p1', 'e1')],
			[],
			isQuotaError
		);
		const kept = await photos.listForEntry('e1');
		const row = (await entries.get('e1'))!;
		await entries.remove('e1');
		expect(await photos.list()).toEqual([]);
		await entries.restore(row, kept);
		expect(await entries.get('e1')).toEqual(row);
		expect((await photos.get('p1'))?.display.size).toBe(3);
	});
});
