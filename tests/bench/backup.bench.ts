import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { addDays, format } from 'date-fns';
import { it } from 'vitest';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import { PBKDF2_ITERATIONS, exportBackup, readBackup, restoreBackup } from '$lib/db/backup';
import { deriveKeys } from '$lib/backup/crypto';
import { checkinId } from '$lib/schedule/due';
import type { CheckIn, JournalEntry, Photo, Program } from '$lib/db/types';
import { sampleProgram } from '../unit/fixtures/programs';
import { medianMs, report } from './measure';

/**
 * Backup of a realistic family after three years: 2 children with a program each (9 items),
 * a check-in for every item every day (≈ 20,000), 200 journal entries with 300 photos of
 * ~250 KB display + ~20 KB thumbnail (random bytes: as incompressible as real WebP). Runs on
 * fake-indexeddb in Node, so the figures show the cost of the format and crypto, not of a
 * browser's IndexedDB.
 */

const DAYS = 3 * 365;
const START = new Date(2023, 11, 1);
const STATUSES = ['done', 'done', 'done', 'partly', 'not-today'] as const;

async function seedFamily(db: HomeplayDatabase) {
	const children = [
		{ id: 'child-mia', name: 'Mia', ageBand: '3-5' as const, createdAt: START.getTime() },
		{ id: 'child-leo', name: 'Leo', ageBand: '6-9' as const, createdAt: START.getTime() + 1 }
	];
	await db.children.bulkPut(children);
	const programs: Program[] = children.map((child, i) => {
		const doc = {
			...sampleProgram({ libraryItems: 8, customItems: 1, noteLength: 120 }),
			id: `Program${i}xyz`,
			child: { name: child.name, ageBand: child.ageBand }
		};
		return {
			id: doc.id,
			childId: child.id,
			version: 1,
			document: doc,
			versions: [{ version: 1, effectiveFrom: doc.startDate, document: doc }],
			importedAt: START.getTime(),
			updatedAt: START.getTime()
		};
	});
	await db.programs.bulkPut(programs);

	const checkins: CheckIn[] = [];
	for (let day = 0; day < DAYS; day++) {
		const date = format(addDays(START, day), 'yyyy-MM-dd');
		const stamp = addDays(START, day).getTime() + 18 * 3600_000;
		for (const program of programs)
			for (const [n, item] of program.document.items.entries()) {
				const status = STATUSES[(day + n) % STATUSES.length];
				checkins.push({
					id: checkinId(program.id, item.id, date),
					childId: program.childId,
					programId: program.id,
					itemId: item.id,
					date,
					status,
					...(status !== 'not-today' ? { minutes: 5 + ((day * 7 + n) % 15) } : {}),
					...((day + n) % 9 === 0 ? { ease: 4 as const, note: 'Went well after the bath.' } : {}),
					createdAt: stamp,
					updatedAt: stamp
				});
			}
	}
	await db.checkins.bulkPut(checkins);

	const entries: JournalEntry[] = [];
	const photos: Photo[] = [];
	for (let i = 0; i < 200; i++) {
		const child = children[i % 2];
		const date = format(addDays(START, Math.floor((i * DAYS) / 200)), 'yyyy-MM-dd');
		const photoIds = (i < 100 ? [0, 1] : [0]).map((k) => `photo-${i}-${k}`);
		entries.push({
			id: `entry-${i}`,
			childId: child.id,
			date,
			text: `Week ${i}: ${child.name} tried the new activity and asked to do it again tomorrow.`,
			tags: ['fine-motor', 'bead-threading'],
			photoIds,
			createdAt: i,
			updatedAt: i
		});
		for (const [k, id] of photoIds.entries())
			photos.push({
				id,
				entryId: `entry-${i}`,
				display: new Blob([randomBytes(230_000 + ((i * 7919 + k) % 40_000))], {
					type: 'image/webp'
				}),
				thumbnail: new Blob([randomBytes(18_000 + ((i * 104729 + k) % 4_000))], {
					type: 'image/webp'
				}),
				width: 1600,
				height: 1200,
				createdAt: i
			});
	}
	await db.journalEntries.bulkPut(entries);
	await db.photos.bulkPut(photos);
	await db.settings.bulkPut([
		{ key: 'theme', value: 'system' },
		{ key: 'currentChild', value: 'child-mia' }
	]);
	return { checkins: checkins.length, photos: photos.length };
}

async function freshDatabase() {
	const db = new HomeplayDatabase(`bench-backup-${crypto.randomUUID()}`);
	useDatabase(db);
	await db.open();
	return db;
}

it('backup: export, read and restore of three years of a family', async () => {
	const source = await freshDatabase();
	const family = await seedFamily(source);
	const passphrase = 'a long family passphrase';
	const runs = 3;
	const rows = [];

	for (const encrypted of [false, true]) {
		useDatabase(source);
		const options = encrypted ? { passphrase } : {};
		const file = await exportBackup(options);
		const exportMs = await medianMs(() => exportBackup(options), runs);
		const readMs = await medianMs(() => readBackup(file, options.passphrase), runs);
		const parsed = await readBackup(file, options.passphrase);

		const target = await freshDatabase();
		const replaceMs = await medianMs(() => restoreBackup(parsed, 'replace'), runs);
		// The same backup again: every row already there, nothing to write.
		const mergeMs = await medianMs(() => restoreBackup(parsed, 'merge'), runs);
		rows.push({
			backup: encrypted ? `encrypted (PBKDF2 ×${PBKDF2_ITERATIONS.toLocaleString('en')})` : 'plain',
			'file size': `${(file.size / 1024 / 1024).toFixed(1)} MB`,
			'photos share': `${((parsed.photos.bytes / file.size) * 100).toFixed(1)} %`,
			'export ms': exportMs.toFixed(0),
			'read + check ms': readMs.toFixed(0),
			'restore (replace) ms': replaceMs.toFixed(0),
			'restore (merge, all present) ms': mergeMs.toFixed(0)
		});
		target.close();
	}
	const salt = new Uint8Array(16);
	const kdfMs = await medianMs(() => deriveKeys(passphrase, salt, PBKDF2_ITERATIONS), runs);
	report(
		`Backup (${family.checkins.toLocaleString('en')} check-ins, 200 journal entries, ` +
			`${family.photos} photos; Node + fake-indexeddb; median of ${runs}; key derivation ` +
			`alone ${kdfMs.toFixed(0)} ms)`,
		rows
	);
	source.close();
});
