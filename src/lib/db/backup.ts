import { version as appVersion } from '$app/environment';
import { differenceInDays } from 'date-fns';
import {
	BackupError,
	decodeBackup,
	encodeBackup,
	type DecodedBackup,
	type RowMigration
} from '$lib/backup/format';
import {
	BACKUP_TABLES,
	DEVICE_ONLY_SETTINGS,
	LAST_BACKUP_SETTING,
	PRIMARY_KEYS,
	type BackupRows,
	type BackupTable,
	type TableCounts
} from '$lib/backup/rows';
import { isQuotaError } from '$lib/photos/quota-error';
import { db, effectiveFrom } from './database';
import type { JournalEntry, Photo, ReminderSetting, Schedule, ScheduleRun, Setting } from './types';

/**
 * Backup and restore of everything the family keeps in Homeplay, as one file they save where
 * they like (see $lib/backup for the file format). Nothing here touches the network: export,
 * read and restore all work offline.
 */

export type { BackupPreview } from '$lib/backup/format';
export type { BackupErrorReason } from '$lib/backup/errors';
export { BackupError } from '$lib/backup/errors';
export { backupFileName, BACKUP_MIME_TYPE, PBKDF2_ITERATIONS } from '$lib/backup/format';

export interface ExportOptions {
	/** Encrypts the backup (AES-GCM-256, key from PBKDF2-SHA-256); must not be empty. */
	passphrase?: string;
	/**
	 * Tests only: fewer PBKDF2 iterations than the default `PBKDF2_ITERATIONS` (600,000), so an
	 * encrypted round trip takes milliseconds. The app never sets this.
	 */
	testOnlyIterations?: number;
	/** The time recorded as the backup's creation and as `lastBackupAt`; defaults to now. */
	now?: number;
}

/**
 * Makes a backup file of every table — children, programs, therapist programs, check-ins,
 * journal entries with their photos, schedules and runs, reminder settings and settings —
 * without device-only data (the kid-mode PIN hash and the reminder subscription secrets, see
 * `$lib/backup/rows`). All tables are read in one read transaction, so the file is a consistent
 * snapshot even while another tab writes. On success, records the time as `lastBackupAt` in a
 * separate single-row transaction. Works offline.
 *
 * Throws `BackupError('invalid-data')` if a row would not pass a restore's checks.
 */
export async function exportBackup(options: ExportOptions = {}): Promise<Blob> {
	const d = db();
	const rows = await d.transaction('r', tablesOf(BACKUP_TABLES), async () => {
		const entries = await Promise.all(
			BACKUP_TABLES.map(async (table) => [table, await d.table(table).toArray()] as const)
		);
		return Object.fromEntries(entries) as unknown as BackupRows;
	});
	const createdAt = options.now ?? Date.now();
	const file = await encodeBackup(
		{ schemaVersion: d.verno, appVersion, createdAt, rows },
		{ passphrase: options.passphrase, iterations: options.testOnlyIterations }
	);
	try {
		await d.settings.put({ key: LAST_BACKUP_SETTING, value: createdAt });
	} catch {
		// The file is made and correct; at worst Settings reminds the family again too early.
	}
	return file;
}

/** A backup read and fully checked by `readBackup`, ready for `restoreBackup`. */
export type ParsedBackup = DecodedBackup;

const checkedBackups = new WeakSet<ParsedBackup>();

/**
 * Reads a backup file and checks all of it before anything is written: signature and format
 * version, sizes, checksums (or, when encrypted, the passphrase and every authentication tag),
 * the database schema version, every row of every table and every photo a row refers to. Rows
 * from an older schema version are migrated to the current one. Returns a preview (counts per
 * table, children, date ranges, photos) with the rows. Reads no table; works offline.
 *
 * Throws `BackupError` with reason `not-a-backup`, `newer-version`, `truncated`, `corrupt`,
 * `needs-passphrase` (an encrypted file and no passphrase: ask and call again),
 * `wrong-passphrase` or `invalid-data`.
 */
export async function readBackup(file: Blob, passphrase?: string): Promise<ParsedBackup> {
	const parsed = await decodeBackup(file, {
		passphrase,
		schemaVersion: db().verno,
		migrate: migrateRows
	});
	checkedBackups.add(parsed);
	return parsed;
}

/**
 * Rows written by schema n-1 rewritten as schema n expects them: the same changes the `upgrade`
 * of `version(n)` in database.ts makes to stored rows. A version that changes only indexes
 * needs no entry.
 */
const ROW_MIGRATIONS: Record<number, (tables: Record<string, unknown>) => Record<string, unknown>> =
	{
		2: (tables) => ({
			...tables,
			programs: Array.isArray(tables.programs)
				? tables.programs.map(programWithVersions)
				: tables.programs
		})
	};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** v1 → v2: a program's single version becomes its version history. */
function programWithVersions(row: unknown): unknown {
	if (!isRecord(row) || row.versions !== undefined) return row;
	const { document, version, importedAt } = row;
	// Anything else is left for validation to refuse.
	if (!isRecord(document) || typeof document.startDate !== 'string') return row;
	if (typeof importedAt !== 'number') return row;
	return {
		...row,
		versions: [{ version, effectiveFrom: effectiveFrom(document.startDate, importedAt), document }]
	};
}

const migrateRows: RowMigration = (tables, fromSchemaVersion) => {
	let out = tables;
	for (let version = fromSchemaVersion + 1; version <= db().verno; version++)
		out = ROW_MIGRATIONS[version]?.(out) ?? out;
	return out;
};

export type RestoreMode = 'replace' | 'merge';

export interface SubscriptionToCancel {
	childId: string;
	subscriptionId: string;
	secret: string;
}

export interface RestoreResult {
	mode: RestoreMode;
	/** Rows of the backup written, per table. */
	written: TableCounts;
	/** Rows of the backup not written because this device keeps its own (see `restoreBackup`). */
	keptLocal: TableCounts;
	/**
	 * Replace only: reminder subscriptions of this device whose child is gone after the restore.
	 * The reminder server still has them; cancel them with the reminders API when online.
	 */
	subscriptionsToCancel: SubscriptionToCancel[];
}

/**
 * Writes a backup from `readBackup` into the database, in ONE read-write transaction over every
 * table: if anything fails (the device runs out of space, the tab closes), nothing has changed.
 * Works offline.
 *
 * - `replace`: clears every table, then writes the backup. This device keeps what belongs to
 *   it: the kid-mode PIN, and the reminder settings of a child it holds a push subscription for
 *   (the reminder server knows those times). `lastBackupAt` becomes now, since the data on the
 *   device now equals a backup file the family holds.
 * - `merge`: adds the backup's rows to this device's, by primary key, so merging the same file
 *   twice changes nothing the second time. Where both have a row with the same key, the one
 *   with the later `updatedAt` wins; in tables without `updatedAt` the device keeps its row,
 *   except schedule runs, which combine the steps done and keep the most stars. A photo whose
 *   journal entry or schedule on the device is newer and no longer uses it is left out.
 *
 * Throws `BackupError('quota')` when the device has no room; nothing is written then.
 */
export async function restoreBackup(
	parsed: ParsedBackup,
	mode: RestoreMode
): Promise<RestoreResult> {
	if (!checkedBackups.has(parsed))
		throw new TypeError('restoreBackup takes a backup returned by readBackup');
	const d = db();
	try {
		return await d.transaction('rw', tablesOf(BACKUP_TABLES), () =>
			mode === 'replace' ? replaceAll(parsed.rows) : mergeAll(parsed.rows)
		);
	} catch (error) {
		if (isQuotaError(error)) throw new BackupError('quota', undefined, { cause: error });
		throw error;
	}
}

function tablesOf(names: readonly BackupTable[]) {
	const d = db();
	return names.map((name) => d.table(name));
}

const zeroCounts = (): TableCounts =>
	Object.fromEntries(BACKUP_TABLES.map((table) => [table, 0])) as TableCounts;

type Row = Record<string, unknown>;
const keyOf = (table: BackupTable, row: object) => (row as Row)[PRIMARY_KEYS[table]] as string;

async function replaceAll(rows: BackupRows): Promise<RestoreResult> {
	const d = db();
	const deviceSettings = (await d.settings.bulkGet([...DEVICE_ONLY_SETTINGS])).filter(
		(row): row is Setting => row !== undefined && row.key !== LAST_BACKUP_SETTING
	);
	const subscribed = (await d.reminderSettings.toArray()).filter(
		(row): row is ReminderSetting & { subscriptionId: string; secret: string } =>
			row.subscriptionId !== undefined && row.secret !== undefined
	);
	await Promise.all(tablesOf(BACKUP_TABLES).map((table) => table.clear()));

	const restoredChildren = new Set(rows.children.map((child) => child.id));
	const keptReminders = subscribed.filter((row) => restoredChildren.has(row.childId));
	const keptChildIds = new Set(keptReminders.map((row) => row.childId));
	const written = zeroCounts();
	const keptLocal = zeroCounts();
	for (const table of BACKUP_TABLES) {
		let incoming: object[] = rows[table];
		if (table === 'reminderSettings') {
			incoming = rows.reminderSettings.filter((row) => !keptChildIds.has(row.childId));
			keptLocal.reminderSettings = rows.reminderSettings.length - incoming.length;
		}
		await d.table(table).bulkPut(incoming);
		written[table] = incoming.length;
	}
	await d.reminderSettings.bulkPut(keptReminders);
	await d.settings.bulkPut([...deviceSettings, { key: LAST_BACKUP_SETTING, value: Date.now() }]);
	return {
		mode: 'replace',
		written,
		keptLocal,
		subscriptionsToCancel: subscribed
			.filter((row) => !restoredChildren.has(row.childId))
			.map(({ childId, subscriptionId, secret }) => ({ childId, subscriptionId, secret }))
	};
}

async function mergeAll(rows: BackupRows): Promise<RestoreResult> {
	const d = db();
	const written = zeroCounts();
	const keptLocal = zeroCounts();
	// BACKUP_TABLES lists journal entries and schedules before photos, as the photo rule needs.
	for (const table of BACKUP_TABLES) {
		const incoming: object[] = rows[table];
		const local: (object | undefined)[] = await d
			.table(table)
			.bulkGet(incoming.map((row) => keyOf(table, row)));
		let toWrite: object[] = incoming.flatMap((row, i) => {
			const merged = mergeRow(table, row as Row, local[i] as Row | undefined);
			return merged ? [merged] : [];
		});
		if (table === 'photos') toWrite = await withoutDroppedPhotos(toWrite as Photo[]);
		await d.table(table).bulkPut(toWrite);
		written[table] = toWrite.length;
		keptLocal[table] = incoming.length - toWrite.length;
	}
	return { mode: 'merge', written, keptLocal, subscriptionsToCancel: [] };
}

/** The row to write for `incoming`, or undefined to keep the device's row. */
function mergeRow(table: BackupTable, incoming: Row, local: Row | undefined): Row | undefined {
	if (!local) return incoming;
	if (table === 'scheduleRuns')
		return mergeRun(incoming as Row & ScheduleRun, local as Row & ScheduleRun);
	if (typeof incoming.updatedAt === 'number' && typeof local.updatedAt === 'number')
		return incoming.updatedAt > local.updatedAt ? incoming : undefined;
	return undefined;
}

/** Steps done on either device stay done; the most stars earned stay earned. */
function mergeRun(incoming: ScheduleRun, local: ScheduleRun): Row | undefined {
	const added = incoming.stepsDone.filter((step) => !local.stepsDone.includes(step));
	if (added.length === 0 && incoming.stars <= local.stars) return undefined;
	return {
		...local,
		stepsDone: [...local.stepsDone, ...added],
		stars: Math.max(local.stars, incoming.stars)
	};
}

/**
 * The photos whose owner on the device after merging — a journal entry, or a kid-mode schedule
 * whose steps show it — still uses them; a photo the family removed there stays removed. A
 * photo with no owner at all is kept, as it was in the backup.
 */
async function withoutDroppedPhotos(photos: Photo[]): Promise<Photo[]> {
	const d = db();
	const owners = photos.map((photo) => photo.entryId);
	const [entries, schedules] = await Promise.all([
		d.journalEntries.bulkGet(owners),
		d.schedules.bulkGet(owners)
	]);
	return photos.filter((photo, i) => {
		const entry: JournalEntry | undefined = entries[i];
		if (entry) return entry.photoIds.includes(photo.id);
		const schedule: Schedule | undefined = schedules[i];
		if (schedule) return schedule.steps.some((step) => step.picture === `photo:${photo.id}`);
		return true;
	});
}

/** Settings suggests a backup after this many full days without one. */
export const BACKUP_REMINDER_DAYS = 30;

export interface BackupAge {
	/** When this device last exported a backup (ms since 1970), or null if never. */
	lastBackupAt: number | null;
	/** Full days since then, or null if never. */
	days: number | null;
	/** Whether there is anything worth backing up (a child, a program, a check-in, …). */
	hasData: boolean;
	/** Whether Settings should gently suggest a backup now. */
	remind: boolean;
}

/**
 * How long ago this device last made a backup, and whether to suggest one: when there is data
 * and either there never was a backup or the last is more than `BACKUP_REMINDER_DAYS` full days
 * old. One read transaction over settings and the data tables; works offline.
 */
export async function lastBackupAge(now: number = Date.now()): Promise<BackupAge> {
	const d = db();
	const dataTables = BACKUP_TABLES.filter(
		(table) => table !== 'settings' && table !== 'reminderSettings'
	);
	return d.transaction('r', tablesOf([...dataTables, 'settings']), async () => {
		const stored = (await d.settings.get(LAST_BACKUP_SETTING))?.value;
		const counts = await Promise.all(dataTables.map((table) => d.table(table).count()));
		const hasData = counts.some((count) => count > 0);
		const lastBackupAt = typeof stored === 'number' ? stored : null;
		const days = lastBackupAt === null ? null : differenceInDays(now, lastBackupAt);
		const remind = hasData && (days === null || days > BACKUP_REMINDER_DAYS);
		return { lastBackupAt, days, hasData, remind };
	});
}
