import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import {
	BackupError,
	PBKDF2_ITERATIONS,
	exportBackup,
	lastBackupAge,
	readBackup,
	restoreBackup,
	type ParsedBackup
} from '$lib/db/backup';
import { writeContainer } from '$lib/backup/container';
import { encodeBackup } from '$lib/backup/format';
import { BACKUP_TABLES, type BackupRows, type BackupTable } from '$lib/backup/rows';
import { checkinId } from '$lib/schedule/due';
import type { Photo } from '$lib/db/types';
import { sampleProgram } from './fixtures/programs';

/** Low PBKDF2 cost for speed; only through the explicit test-only option. */
const TEST_ITERATIONS = 1000;
const PASSPHRASE = 'correct horse battery staple';

let database: HomeplayDatabase;

async function freshDatabase(): Promise<HomeplayDatabase> {
	const next = new HomeplayDatabase(`backup-${crypto.randomUUID()}`);
	useDatabase(next);
	await next.open();
	return next;
}

beforeEach(async () => {
	database = await freshDatabase();
});

/** Deterministic bytes, so a changed byte anywhere shows up. */
function patternBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(length);
	let state = seed || 1;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

const image = (size: number, type: string, seed: number) =>
	new Blob([patternBytes(size, seed)], { type });

const PIN_HASH = 'pbkdf2-sha256$310000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const SECRET = 'reminder-secret-3f9a7c1e';

/** One of everything the app stores, device-only data included. */
async function seedFamily(db: HomeplayDatabase = database) {
	const doc = sampleProgram();
	const next = { ...doc, version: 2, startDate: '2026-12-07' };
	await db.children.bulkPut([
		{ id: 'c1', name: 'Mia', ageBand: '3-5', avatar: 'pictogram:cat', createdAt: 1000 },
		{ id: 'c2', name: 'Leo', ageBand: '6-9', kidLook: 'checklist', createdAt: 2000 }
	]);
	await db.programs.put({
		id: doc.id,
		childId: 'c1',
		version: 2,
		document: next,
		versions: [
			{ version: 1, effectiveFrom: '2026-11-23', document: doc },
			{ version: 2, effectiveFrom: '2026-12-07', document: next }
		],
		importedAt: 10,
		updatedAt: 20
	});
	await db.therapistPrograms.put({
		id: 'tp1',
		version: 2,
		childName: 'Mia',
		document: next,
		history: [doc, next],
		createdAt: 1,
		updatedAt: 2
	});
	const item = doc.items[0].id;
	await db.checkins.bulkPut([
		{
			id: checkinId(doc.id, item, '2026-11-23'),
			childId: 'c1',
			programId: doc.id,
			itemId: item,
			date: '2026-11-23',
			status: 'done',
			minutes: 12,
			ease: 4,
			mood: 'happy',
			note: 'Did all the beads',
			createdAt: 100,
			updatedAt: 100
		},
		{
			id: checkinId(doc.id, item, '2026-11-26'),
			childId: 'c1',
			programId: doc.id,
			itemId: item,
			date: '2026-11-26',
			status: 'not-today',
			createdAt: 200,
			updatedAt: 200
		},
		{
			id: checkinId(doc.id, item, '2026-12-09'),
			childId: 'c1',
			programId: doc.id,
			itemId: item,
			date: '2026-12-09',
			status: 'partly',
			minutes: 4,
			createdAt: 300,
			updatedAt: 300
		}
	]);
	await db.journalEntries.bulkPut([
		{
			id: 'j1',
			childId: 'c1',
			date: '2026-11-24',
			text: 'Buttoned the top button by herself!',
			tags: ['self-care', 'big-button-board'],
			photoIds: ['ph1', 'ph2'],
			createdAt: 400,
			updatedAt: 400
		},
		{
			id: 'j2',
			childId: 'c2',
			date: '2026-12-03',
			text: '',
			tags: [],
			photoIds: [],
			createdAt: 500,
			updatedAt: 500
		}
	]);
	await db.photos.bulkPut([
		{
			id: 'ph1',
			entryId: 'j1',
			display: image(3000, 'image/webp', 1),
			thumbnail: image(300, 'image/webp', 2),
			width: 1600,
			height: 1200,
			createdAt: 401
		},
		{
			id: 'ph2',
			entryId: 'j1',
			display: image(2048, 'image/jpeg', 3),
			thumbnail: image(1, '', 4),
			width: 900,
			height: 1600,
			createdAt: 402
		}
	]);
	await db.schedules.put({
		id: 's1',
		childId: 'c1',
		kind: 'routine',
		title: 'Morning',
		steps: [
			{ id: 'st1', label: 'Brush teeth', picture: 'pictogram:toothbrush', minutes: 2 },
			{ id: 'st2', label: 'Beads', picture: `activity:${item}` },
			{ id: 'st3', label: 'Our coat', picture: 'photo:ph1' }
		],
		days: [1, 2, 3, 4, 5],
		createdAt: 600,
		updatedAt: 600
	});
	await db.scheduleRuns.put({
		id: 'r1',
		scheduleId: 's1',
		childId: 'c1',
		date: '2026-12-09',
		stepsDone: ['st1'],
		stars: 1
	});
	await db.reminderSettings.bulkPut([
		{
			childId: 'c1',
			times: [{ time: '07:30', days: [1, 2, 3, 4, 5] }],
			timeZone: 'Europe/Berlin',
			pausedUntil: '2026-12-24',
			subscriptionId: 'sub-123',
			secret: SECRET
		},
		{ childId: 'c2', times: [], timeZone: 'Europe/Berlin' }
	]);
	await db.settings.bulkPut([
		{ key: 'theme', value: 'dark' },
		{ key: 'currentChild', value: 'c1' },
		{ key: 'therapistProfile', value: { name: 'Sam Rivera, OTR/L', clinic: 'Little Steps' } },
		{ key: 'parentGate', value: PIN_HASH }
	]);
}

type Snapshot = Record<BackupTable, unknown[]>;

/** Every row of every table, Blobs as type, size and bytes, sorted by key. */
async function snapshot(db: HomeplayDatabase = database): Promise<Snapshot> {
	const plain = async (value: unknown): Promise<unknown> => {
		if (value instanceof Blob)
			return {
				blob: true,
				type: value.type,
				size: value.size,
				hex: Buffer.from(await value.arrayBuffer()).toString('hex')
			};
		if (Array.isArray(value)) return Promise.all(value.map(plain));
		if (value && typeof value === 'object')
			return Object.fromEntries(
				await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plain(v)]))
			);
		return value;
	};
	const out: Partial<Snapshot> = {};
	for (const table of BACKUP_TABLES)
		out[table] = (await plain(await db.table(table).toArray())) as unknown[];
	return out as Snapshot;
}

/** A snapshot as another device would hold it: no device-only data. */
function portable(s: Snapshot): Snapshot {
	return {
		...s,
		settings: s.settings.filter(
			(row) => !['parentGate', 'lastBackupAt'].includes((row as { key: string }).key)
		),
		reminderSettings: s.reminderSettings.map((row) =>
			Object.fromEntries(
				Object.entries(row as object).filter(([key]) => !['subscriptionId', 'secret'].includes(key))
			)
		)
	};
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'no error';
	} catch (error) {
		if (error instanceof BackupError) return error.reason;
		throw error;
	}
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const fileOf = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes]);
function flipped(bytes: Uint8Array<ArrayBuffer>, at: number): Uint8Array<ArrayBuffer> {
	const copy = bytes.slice();
	copy[at] ^= 0x04;
	return copy;
}

/** Where things are in a backup file, read from the bytes as container.ts documents them. */
function layout(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const headerLength = view.getUint32(10);
	const prefix = 14 + headerLength;
	const header = JSON.parse(new TextDecoder().decode(bytes.subarray(14, prefix)));
	if (header.encryption !== 'none') return { header, prefix };
	const manifestLength = view.getUint32(prefix);
	const manifestAt = prefix + 4;
	const dataAt = manifestAt + manifestLength + 4;
	const dataLength = view.getUint32(manifestAt + manifestLength);
	const digestAt = dataAt + dataLength;
	return { header, prefix, manifestAt, manifestLength, dataAt, dataLength, digestAt };
}

const contains = (bytes: Uint8Array, text: string) =>
	Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));

/** Writes a container by hand, for files the app itself would never write. */
async function craft(
	tables: Partial<Record<BackupTable, unknown[]>>,
	options: {
		schemaVersion?: number;
		blobs?: Blob[];
		counts?: Partial<Record<BackupTable, number>>;
		extraTables?: Record<string, unknown[]>;
	} = {}
): Promise<Blob> {
	const full: Record<string, unknown[]> = Object.fromEntries(
		BACKUP_TABLES.map((table) => [table, tables[table] ?? []])
	);
	Object.assign(full, options.extraTables);
	const counts = Object.fromEntries(
		BACKUP_TABLES.map((table) => [table, options.counts?.[table] ?? full[table].length])
	);
	const manifest = {
		app: 'homeplay',
		appVersion: '0.0.1',
		schemaVersion: options.schemaVersion ?? 2,
		createdAt: 1,
		counts
	};
	return writeContainer({ manifest, tables: full, blobs: options.blobs ?? [] });
}

describe('what a backup covers', () => {
	it('lists every table of the database', () => {
		expect([...BACKUP_TABLES].sort()).toEqual(database.tables.map((table) => table.name).sort());
	});
});

describe('round trip', () => {
	it('restores every table exactly, Blobs included (type, size and bytes)', async () => {
		await seedFamily();
		const before = await snapshot();
		const file = await exportBackup({ now: Date.UTC(2026, 11, 10) });

		database = await freshDatabase();
		const parsed = await readBackup(file);
		const result = await restoreBackup(parsed, 'replace');

		const after = await snapshot();
		expect(portable(after)).toEqual(portable(before));
		expect(after.photos).toHaveLength(2);
		const [photo] = (await database.photos.toArray()) as Photo[];
		expect(photo.display).toBeInstanceOf(Blob);
		expect(result.written).toMatchObject({ children: 2, checkins: 3, photos: 2, settings: 3 });
	});

	it('previews the backup before restoring it', async () => {
		await seedFamily();
		const createdAt = Date.UTC(2026, 11, 10, 9, 30);
		const parsed = await readBackup(await exportBackup({ now: createdAt }));
		expect(parsed).toMatchObject({
			encrypted: false,
			formatVersion: 1,
			schemaVersion: 2,
			appVersion: expect.any(String),
			createdAt,
			counts: {
				children: 2,
				programs: 1,
				therapistPrograms: 1,
				checkins: 3,
				journalEntries: 2,
				photos: 2,
				schedules: 1,
				scheduleRuns: 1,
				reminderSettings: 2,
				settings: 3
			},
			children: [
				{ id: 'c1', name: 'Mia' },
				{ id: 'c2', name: 'Leo' }
			],
			checkins: { from: '2026-11-23', to: '2026-12-09' },
			journalEntries: { from: '2026-11-24', to: '2026-12-03' },
			photos: { count: 2, bytes: 3000 + 300 + 2048 + 1 }
		});
	});

	it('keeps an empty database empty', async () => {
		const parsed = await readBackup(await exportBackup());
		expect(parsed.children).toEqual([]);
		expect(parsed.checkins).toBeNull();
		expect(parsed.photos).toEqual({ count: 0, bytes: 0 });
	});

	it('encrypted: asks for the passphrase, refuses a wrong one, restores with the right one', async () => {
		await seedFamily();
		const before = await snapshot();
		const file = await exportBackup({
			passphrase: PASSPHRASE,
			testOnlyIterations: TEST_ITERATIONS
		});
		const bytes = await bytesOf(file);
		// Names, notes and photos are inside the encrypted body, not in the clear.
		for (const text of ['Mia', 'Buttoned the top button', 'homeplay'])
			expect(contains(bytes, text), text).toBe(false);

		expect(await reasonOf(readBackup(file))).toBe('needs-passphrase');
		expect(await reasonOf(readBackup(file, ''))).toBe('needs-passphrase');
		expect(await reasonOf(readBackup(file, 'correct horse battery stapler'))).toBe(
			'wrong-passphrase'
		);

		database = await freshDatabase();
		const parsed = await readBackup(file, PASSPHRASE);
		expect(parsed.encrypted).toBe(true);
		await restoreBackup(parsed, 'replace');
		expect(portable(await snapshot())).toEqual(portable(before));
	});

	it('encrypted: the same passphrase typed in another Unicode form opens the file', async () => {
		await seedFamily();
		const composed = 'Crème brûlée';
		const file = await exportBackup({ passphrase: composed, testOnlyIterations: TEST_ITERATIONS });
		const decomposed = composed.normalize('NFD');
		expect(decomposed).not.toBe(composed);
		expect((await readBackup(file, decomposed)).counts.children).toBe(2);
	});

	it('encrypted by default with PBKDF2-SHA-256 at ≥ 600,000 iterations, fresh salt and IV', async () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		const first = layout(await bytesOf(await exportBackup({ passphrase: PASSPHRASE })));
		expect(first.header).toMatchObject({
			encryption: 'aes-256-gcm',
			kdf: 'pbkdf2-sha256',
			iterations: PBKDF2_ITERATIONS,
			salt: expect.stringMatching(/^[0-9a-f]{32}$/),
			iv: expect.stringMatching(/^[0-9a-f]{24}$/)
		});
		const second = layout(
			await bytesOf(
				await exportBackup({ passphrase: PASSPHRASE, testOnlyIterations: TEST_ITERATIONS })
			)
		);
		expect(second.header.salt).not.toBe(first.header.salt);
		expect(second.header.iv).not.toBe(first.header.iv);
	});

	it('encrypted in several chunks: round trip, and reordered chunks are caught', async () => {
		await seedFamily();
		const before = await snapshot();
		const rows = Object.fromEntries(
			await Promise.all(
				BACKUP_TABLES.map(async (table) => [table, await database.table(table).toArray()])
			)
		) as BackupRows;
		const chunkSize = 1024;
		const file = await encodeBackup(
			{ schemaVersion: 2, appVersion: 'test', createdAt: 1, rows },
			{ passphrase: PASSPHRASE, iterations: TEST_ITERATIONS, chunkSize }
		);
		const bytes = await bytesOf(file);
		const { prefix, header } = layout(bytes);
		const chunks = Math.ceil(header.bodyLength / chunkSize);
		expect(chunks).toBeGreaterThan(3);

		database = await freshDatabase();
		await restoreBackup(await readBackup(file, PASSPHRASE), 'replace');
		expect(portable(await snapshot())).toEqual(portable(before));

		const sealed = chunkSize + 16;
		const swapped = bytes.slice();
		swapped.set(bytes.subarray(prefix, prefix + sealed), prefix + sealed);
		swapped.set(bytes.subarray(prefix + sealed, prefix + 2 * sealed), prefix);
		expect(await reasonOf(readBackup(fileOf(swapped), PASSPHRASE))).toBe('corrupt');
	});
});

describe('device-only data', () => {
	it('leaves out the kid-mode PIN hash and the reminder subscription secrets', async () => {
		await seedFamily();
		const bytes = await bytesOf(await exportBackup());
		expect(contains(bytes, PIN_HASH)).toBe(false);
		expect(contains(bytes, SECRET)).toBe(false);
		expect(contains(bytes, 'sub-123')).toBe(false);
		// …while the rest of the reminder settings travel.
		expect(contains(bytes, 'Europe/Berlin')).toBe(true);

		const parsed = await readBackup(fileOf(bytes));
		expect(parsed.rows.settings.map((row) => row.key)).not.toContain('parentGate');
		expect(parsed.rows.reminderSettings[0]).not.toHaveProperty('secret');
	});

	it('a crafted backup cannot set the PIN or a reminder secret on this device', async () => {
		const file = await craft({
			children: [{ id: 'c9', name: 'Zoe', ageBand: '3-5', createdAt: 1 }],
			reminderSettings: [
				{ childId: 'c9', times: [], timeZone: 'UTC', subscriptionId: 'x', secret: 'y' }
			],
			settings: [
				{ key: 'parentGate', value: 'attacker' },
				{ key: 'lastBackupAt', value: 1 }
			]
		});
		await restoreBackup(await readBackup(file), 'replace');
		expect(await database.settings.get('parentGate')).toBeUndefined();
		expect(await database.reminderSettings.get('c9')).toEqual({
			childId: 'c9',
			times: [],
			timeZone: 'UTC'
		});
	});
});

describe('merge', () => {
	it('merging the same backup twice creates no duplicates', async () => {
		await seedFamily();
		const file = await exportBackup();

		database = await freshDatabase();
		await database.children.put({ id: 'c3', name: 'Ava', ageBand: '0-3', createdAt: 3000 });
		await database.checkins.put({
			id: 'other',
			childId: 'c3',
			programId: 'p9',
			itemId: 'i9',
			date: '2026-12-01',
			status: 'done',
			createdAt: 1,
			updatedAt: 1
		});

		const first = await restoreBackup(await readBackup(file), 'merge');
		const once = await snapshot();
		expect(once.children).toHaveLength(3);
		expect(once.checkins).toHaveLength(4);
		expect(first.written.photos).toBe(2);

		const second = await restoreBackup(await readBackup(file), 'merge');
		expect(await snapshot()).toEqual(once);
		expect(Object.values(second.written).every((n) => n === 0)).toBe(true);
		expect(second.keptLocal).toMatchObject({ children: 2, checkins: 3, photos: 2 });
	});

	it('merging into the device the backup came from changes nothing', async () => {
		await seedFamily();
		const file = await exportBackup();
		const before = await snapshot();
		const result = await restoreBackup(await readBackup(file), 'merge');
		expect(await snapshot()).toEqual(before);
		expect(Object.values(result.written).every((n) => n === 0)).toBe(true);
	});

	it('keeps the newer of two copies of a row, and the device’s row where there is no date', async () => {
		await seedFamily();
		const file = await exportBackup();
		const [older, newer] = (await database.checkins.toArray()).slice(0, 2);
		// This device changed one check-in after the backup; the backup holds a newer other one.
		await database.checkins.put({ ...older, status: 'partly', updatedAt: older.updatedAt + 50 });
		await database.checkins.put({ ...newer, status: 'done', updatedAt: newer.updatedAt - 50 });
		await database.children.put({ id: 'c1', name: 'Mia R.', ageBand: '3-5', createdAt: 1000 });
		await database.scheduleRuns.put({
			id: 'r1',
			scheduleId: 's1',
			childId: 'c1',
			date: '2026-12-09',
			stepsDone: ['st2'],
			stars: 0
		});

		await restoreBackup(await readBackup(file), 'merge');

		expect((await database.checkins.get(older.id))?.status).toBe('partly');
		expect((await database.checkins.get(newer.id))?.status).toBe(newer.status);
		expect((await database.children.get('c1'))?.name).toBe('Mia R.');
		expect(await database.scheduleRuns.get('r1')).toMatchObject({
			stepsDone: ['st2', 'st1'],
			stars: 1
		});
	});

	it('does not bring back a photo the newer journal entry on the device no longer has', async () => {
		await seedFamily();
		const file = await exportBackup();
		const entry = await database.journalEntries.get('j1');
		await database.journalEntries.put({ ...entry!, photoIds: ['ph1'], updatedAt: 9999 });
		await database.photos.delete('ph2');

		const result = await restoreBackup(await readBackup(file), 'merge');
		expect(await database.photos.get('ph2')).toBeUndefined();
		expect((await database.journalEntries.get('j1'))?.photoIds).toEqual(['ph1']);
		expect(result.keptLocal.photos).toBe(2);
	});

	it('a schedule step photo follows the newer schedule, whichever side that is', async () => {
		await seedFamily();
		await database.photos.put({
			id: 'ph-step',
			entryId: 's1',
			display: image(500, 'image/webp', 9),
			thumbnail: image(50, 'image/webp', 10),
			width: 10,
			height: 10,
			createdAt: 700
		});
		const schedule = await database.schedules.get('s1');
		const withPhoto = [...schedule!.steps, { id: 'st4', label: 'Shoes', picture: 'photo:ph-step' }];
		await database.schedules.put({ ...schedule!, steps: withPhoto });
		const file = await exportBackup();
		await database.schedules.put({ ...schedule!, updatedAt: 9999 });
		await database.photos.delete('ph-step');

		await restoreBackup(await readBackup(file), 'merge');
		expect(await database.photos.get('ph-step')).toBeUndefined();

		// The other way round: the backup's schedule is the newer one and shows the photo.
		await database.schedules.put({ ...schedule!, updatedAt: 1 });
		await restoreBackup(await readBackup(file), 'merge');
		expect(await database.photos.get('ph-step')).toBeDefined();
		expect((await database.schedules.get('s1'))?.steps).toHaveLength(4);
	});

	it('keeps this device’s reminder subscription and PIN', async () => {
		await seedFamily();
		const file = await exportBackup();
		await restoreBackup(await readBackup(file), 'merge');
		expect(await database.reminderSettings.get('c1')).toMatchObject({ secret: SECRET });
		expect(await database.settings.get('parentGate')).toEqual({
			key: 'parentGate',
			value: PIN_HASH
		});
	});
});

describe('replace', () => {
	it('clears what the device had and writes the backup, keeping what belongs to the device', async () => {
		const other = await freshDatabase();
		await other.children.put({ id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1000 });
		await other.reminderSettings.put({ childId: 'c1', times: [], timeZone: 'Asia/Tokyo' });
		const file = await exportBackup();

		database = await freshDatabase();
		await seedFamily();
		await database.reminderSettings.put({
			childId: 'c2',
			times: [{ time: '18:00', days: [0] }],
			timeZone: 'Europe/Berlin',
			subscriptionId: 'sub-456',
			secret: 'secret-456'
		});
		const result = await restoreBackup(await readBackup(file), 'replace');

		expect(await database.children.toArray()).toEqual([
			{ id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1000 }
		]);
		for (const table of ['programs', 'checkins', 'journalEntries', 'photos', 'schedules'] as const)
			expect(await database.table(table).count(), table).toBe(0);
		// Mia's reminders stay as this device registered them with the reminder server…
		expect(await database.reminderSettings.toArray()).toEqual([
			expect.objectContaining({ childId: 'c1', subscriptionId: 'sub-123', secret: SECRET })
		]);
		expect(result.keptLocal.reminderSettings).toBe(1);
		// …Leo is gone, so his subscription is handed back to be cancelled.
		expect(result.subscriptionsToCancel).toEqual([
			{ childId: 'c2', subscriptionId: 'sub-456', secret: 'secret-456' }
		]);
		expect((await database.settings.get('parentGate'))?.value).toBe(PIN_HASH);
		expect(await database.settings.get('theme')).toBeUndefined();
	});

	it('accepts a backup from schema v1 and migrates its programs', async () => {
		const doc = sampleProgram();
		const importedAt = new Date(2026, 10, 25, 15, 30).getTime();
		const file = await craft(
			{
				children: [{ id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1 }],
				programs: [
					{
						id: doc.id,
						childId: 'c1',
						version: 1,
						document: doc,
						importedAt,
						updatedAt: importedAt
					}
				]
			},
			{ schemaVersion: 1 }
		);
		const parsed = await readBackup(file);
		expect(parsed.schemaVersion).toBe(1);
		await restoreBackup(parsed, 'replace');
		expect((await database.programs.get(doc.id))?.versions).toEqual([
			{ version: 1, effectiveFrom: '2026-11-25', document: doc }
		]);
	});

	it('only restores what readBackup checked', async () => {
		const parsed = await readBackup(await exportBackup());
		const handMade = { ...parsed } as ParsedBackup;
		await expect(restoreBackup(handMade, 'replace')).rejects.toThrow(TypeError);
	});
});

describe('files that are refused before anything is written', () => {
	it('a file that is not a backup', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]);
		expect(await reasonOf(readBackup(new Blob([png])))).toBe('not-a-backup');
		expect(await reasonOf(readBackup(new Blob(['{"children":[]}'])))).toBe('not-a-backup');
		expect(await reasonOf(readBackup(new Blob([])))).toBe('not-a-backup');
	});

	it('a file cut short at any point', async () => {
		await seedFamily();
		for (const passphrase of [undefined, PASSPHRASE]) {
			const bytes = await bytesOf(
				await exportBackup({ passphrase, testOnlyIterations: TEST_ITERATIONS })
			);
			const { prefix } = layout(bytes);
			const cuts = [3, 8, 13, prefix - 1, prefix, prefix + 20, bytes.length >> 1, bytes.length - 1];
			for (const cut of cuts) {
				const reason = await reasonOf(readBackup(fileOf(bytes.slice(0, cut)), passphrase));
				expect(reason, `${passphrase ? 'encrypted' : 'plain'}, ${cut} bytes`).toBe('truncated');
			}
			// A cut-off encrypted file is reported as such before any passphrase is asked for.
			expect(await reasonOf(readBackup(fileOf(bytes.slice(0, -1))))).toBe('truncated');
		}
	});

	it('bytes after the end', async () => {
		const bytes = await bytesOf(await exportBackup());
		const longer = new Uint8Array(bytes.length + 1);
		longer.set(bytes);
		expect(await reasonOf(readBackup(fileOf(longer)))).toBe('corrupt');
	});

	it('a changed byte in a plain file: header, manifest, rows, checksum or a photo', async () => {
		await seedFamily();
		const bytes = await bytesOf(await exportBackup());
		const at = layout(bytes);
		const positions = {
			'manifest length': at.prefix! + 2,
			manifest: at.manifestAt! + 5,
			'end of manifest': at.manifestAt! + at.manifestLength! - 2,
			rows: at.dataAt! + 40,
			'middle of rows': at.dataAt! + (at.dataLength! >> 1),
			checksum: at.digestAt! + 3,
			'first photo': at.digestAt! + 32 + 10,
			'last photo byte': bytes.length - 1
		};
		for (const [where, position] of Object.entries(positions))
			expect(await reasonOf(readBackup(fileOf(flipped(bytes, position)))), where).toBe('corrupt');
		// In the cleartext header the encryption flag or a length changes: still refused.
		const header = await reasonOf(readBackup(fileOf(flipped(bytes, 16))));
		expect(['corrupt', 'truncated']).toContain(header);
	});

	it('a changed byte anywhere in an encrypted file', async () => {
		await seedFamily();
		const bytes = await bytesOf(
			await exportBackup({ passphrase: PASSPHRASE, testOnlyIterations: TEST_ITERATIONS })
		);
		const { prefix } = layout(bytes);
		for (const position of [prefix, prefix + 100, bytes.length >> 1, bytes.length - 1])
			expect(await reasonOf(readBackup(fileOf(flipped(bytes, position)), PASSPHRASE))).toBe(
				'corrupt'
			);
		// The header is authenticated too: a changed IV fails, a changed salt is a wrong key.
		const text = new TextDecoder().decode(bytes.subarray(14, prefix));
		const ivAt = 14 + text.indexOf('"iv":"') + 6;
		const saltAt = 14 + text.indexOf('"salt":"') + 8;
		const retyped = (at: number) => {
			const copy = bytes.slice();
			copy[at] = copy[at] === 0x30 ? 0x31 : 0x30; // another hex digit
			return copy;
		};
		expect(await reasonOf(readBackup(fileOf(retyped(ivAt)), PASSPHRASE))).toBe('corrupt');
		expect(await reasonOf(readBackup(fileOf(retyped(saltAt)), PASSPHRASE))).toBe(
			'wrong-passphrase'
		);
	});

	it('a backup from a newer Homeplay: database schema or container format', async () => {
		const newerSchema = await craft({}, { schemaVersion: 3 });
		expect(await reasonOf(readBackup(newerSchema))).toBe('newer-version');
		const bytes = await bytesOf(await exportBackup());
		bytes[9] = 2; // format version, a big-endian u16 after the 8-byte signature
		expect(await reasonOf(readBackup(fileOf(bytes)))).toBe('newer-version');
	});

	it('a row of the wrong shape', async () => {
		const cases: Partial<Record<BackupTable, unknown[]>>[] = [
			{ children: [{ id: 'c1', name: 'Mia', ageBand: '99', createdAt: 1 }] },
			{ children: [{ id: 'c1', name: 'Mia', ageBand: '3-5' }] },
			{
				checkins: [
					{
						id: 'k',
						childId: 'c1',
						programId: 'p',
						itemId: 'i',
						date: '2026-02-30',
						status: 'done',
						createdAt: 1,
						updatedAt: 1
					}
				]
			},
			{ programs: [{ id: 'p', childId: 'c1', version: 1, document: { id: 'x' } }] },
			{ settings: [{ value: 'no key' }] },
			{
				reminderSettings: [
					{ childId: 'c1', times: [{ time: '25:00', days: [1] }], timeZone: 'UTC' }
				]
			},
			{
				children: [
					{ id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1 },
					{ id: 'c1', name: 'Twin', ageBand: '3-5', createdAt: 2 }
				]
			}
		];
		for (const tables of cases)
			expect(await reasonOf(readBackup(await craft(tables))), JSON.stringify(tables)).toBe(
				'invalid-data'
			);
	});

	it('a photo whose image is missing, or is not a raster image', async () => {
		const photo = (display: number, thumbnail: number) => ({
			id: 'ph1',
			entryId: 'j1',
			display: { $blob: display },
			thumbnail: { $blob: thumbnail },
			width: 1,
			height: 1,
			createdAt: 1
		});
		const one = [image(10, 'image/webp', 1)];
		expect(await reasonOf(readBackup(await craft({ photos: [photo(0, 1)] }, { blobs: one })))).toBe(
			'invalid-data'
		);
		const svg = [new Blob(['<svg onload="alert(1)"/>'], { type: 'image/svg+xml' })];
		expect(await reasonOf(readBackup(await craft({ photos: [photo(0, 0)] }, { blobs: svg })))).toBe(
			'invalid-data'
		);
		expect(await reasonOf(readBackup(await craft({ photos: [photo(0, 0)] }, { blobs: one })))).toBe(
			'no error'
		);
	});

	it('counts that disagree with the rows, or a table this app does not know', async () => {
		const child = { id: 'c1', name: 'Mia', ageBand: '3-5', createdAt: 1 };
		expect(
			await reasonOf(readBackup(await craft({ children: [child] }, { counts: { children: 2 } })))
		).toBe('invalid-data');
		expect(
			await reasonOf(readBackup(await craft({}, { extraTables: { stickers: [{ id: 1 }] } })))
		).toBe('invalid-data');
	});

	it('export refuses data it could not restore, rather than writing a broken backup', async () => {
		await database.checkins.put({
			id: 'k',
			childId: 'c1',
			programId: 'p',
			itemId: 'i',
			date: '2026-12-01',
			status: 'done',
			minutes: Number.NaN,
			createdAt: 1,
			updatedAt: 1
		});
		expect(await reasonOf(exportBackup())).toBe('invalid-data');
		await database.checkins.clear();
		await database.settings.put({ key: 'odd', value: new Uint8Array([1, 2]) });
		expect(await reasonOf(exportBackup())).toBe('invalid-data');
	});
});

describe('a restore that fails', () => {
	/** A database whose writes to `table` fail with QuotaExceededError once armed. */
	async function databaseRunningOutOfSpace(table: string) {
		const db = new HomeplayDatabase(`quota-${crypto.randomUUID()}`);
		const state = { full: false };
		db.use({
			stack: 'dbcore',
			name: 'out-of-space',
			create: (down) => ({
				...down,
				table: (name) => {
					const inner = down.table(name);
					return {
						...inner,
						mutate: (request) =>
							state.full && name === table && request.type === 'put'
								? Promise.reject(
										new DOMException('The quota has been exceeded.', 'QuotaExceededError')
									)
								: inner.mutate(request)
					};
				}
			})
		});
		useDatabase(db);
		await db.open();
		return { db, state };
	}

	it.each(['replace', 'merge'] as const)(
		'%s: out of space → "quota", and the existing data is exactly unchanged',
		async (mode) => {
			const source = await freshDatabase();
			await seedFamily(source);
			await source.checkins.put({
				id: 'new-in-backup',
				childId: 'c1',
				programId: 'p',
				itemId: 'i',
				date: '2026-12-11',
				status: 'done',
				createdAt: 1,
				updatedAt: 1
			});
			const file = await exportBackup();

			const { db, state } = await databaseRunningOutOfSpace('photos');
			await seedFamily(db);
			await db.children.put({ id: 'c3', name: 'Ava', ageBand: '0-3', createdAt: 3000 });
			await db.photos.delete('ph2');
			const before = await snapshot(db);
			const parsed = await readBackup(file);

			state.full = true;
			expect(await reasonOf(restoreBackup(parsed, mode))).toBe('quota');
			state.full = false;
			expect(await snapshot(db)).toEqual(before);
		}
	);
});

describe('backup reminder', () => {
	const DAY = 24 * 60 * 60 * 1000;
	const now = Date.UTC(2026, 11, 10, 12);

	it('says nothing on a device with no data', async () => {
		expect(await lastBackupAge(now)).toEqual({
			lastBackupAt: null,
			days: null,
			hasData: false,
			remind: false
		});
	});

	it('reminds when there is data and never a backup, not after one, again after 30 days', async () => {
		await seedFamily();
		expect(await lastBackupAge(now)).toMatchObject({ lastBackupAt: null, remind: true });
		await exportBackup({ now });
		expect(await lastBackupAge(now)).toEqual({
			lastBackupAt: now,
			days: 0,
			hasData: true,
			remind: false
		});
		expect(await lastBackupAge(now + 30 * DAY)).toMatchObject({ days: 30, remind: false });
		expect(await lastBackupAge(now + 31 * DAY)).toMatchObject({ days: 31, remind: true });
	});

	it('counts a replace as backed up: the device now holds exactly a backup', async () => {
		await seedFamily();
		const file = await exportBackup({ now: now - 90 * DAY });
		database = await freshDatabase();
		await restoreBackup(await readBackup(file), 'replace');
		expect((await lastBackupAge()).remind).toBe(false);
	});
});
