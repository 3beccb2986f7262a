import { formatISO } from 'date-fns';
import * as v from 'valibot';
import { readContainer, writeContainer, type ContainerOptions } from './container';
import { BackupError } from './errors';
import {
	BACKUP_TABLES,
	countRows,
	resolveBlobs,
	summarize,
	toStorable,
	validateTables,
	withoutDeviceOnly,
	type BackupRows,
	type RowsSummary,
	type TableCounts
} from './rows';

/**
 * A Homeplay backup as a whole: rows and manifest in, one file out, and back. Pure (Blob,
 * WebCrypto and valibot only); `$lib/db/backup` connects it to the database.
 */

export { BACKUP_FORMAT_VERSION, BACKUP_MIME_TYPE, PBKDF2_ITERATIONS } from './container';
export { BackupError, type BackupErrorReason } from './errors';
export type { BackupRows, BackupTable, DateRange, TableCounts } from './rows';

/** Stored first in the body, readable without the rows. */
export interface BackupManifest {
	app: 'homeplay';
	appVersion: string;
	/** The Dexie schema version the rows were read from. */
	schemaVersion: number;
	/** When the backup was made, ms since 1970. */
	createdAt: number;
	counts: TableCounts;
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const manifestSchema = v.looseObject({
	app: v.literal('homeplay'),
	appVersion: v.string(),
	schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	createdAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
	counts: v.record(v.string(), count)
});

export interface BackupSnapshot {
	schemaVersion: number;
	appVersion: string;
	createdAt: number;
	rows: BackupRows;
}

/**
 * Packs a snapshot of every table into a backup file, leaving out device-only data. The rows
 * are checked against the same schemas a restore uses, so a backup that would not restore is
 * refused now (`invalid-data`), while the data is still on the device, not discovered later.
 */
export async function encodeBackup(
	snapshot: BackupSnapshot,
	options: ContainerOptions = {}
): Promise<Blob> {
	const rows = withoutDeviceOnly(snapshot.rows);
	const { tables, blobs } = toStorable(rows);
	validateTables(tables, blobs.length);
	const manifest: BackupManifest = {
		app: 'homeplay',
		appVersion: snapshot.appVersion,
		schemaVersion: snapshot.schemaVersion,
		createdAt: snapshot.createdAt,
		counts: countRows(rows)
	};
	return writeContainer({ manifest, tables, blobs }, options);
}

/** What the UI shows before a restore, to recognise the backup and choose replace or merge. */
export interface BackupPreview extends RowsSummary {
	encrypted: boolean;
	formatVersion: number;
	schemaVersion: number;
	appVersion: string;
	createdAt: number;
}

export interface DecodedBackup extends BackupPreview {
	/** Validated and migrated to the current schema, Blobs restored, device-only data left out. */
	rows: BackupRows;
}

/** Rewrites rows of an older schema version as the current one expects them. */
export type RowMigration = (
	tables: Record<string, unknown>,
	fromSchemaVersion: number
) => Record<string, unknown>;

export interface DecodeOptions {
	passphrase?: string;
	/** The newest database schema version this app knows; newer backups are refused. */
	schemaVersion: number;
	migrate: RowMigration;
}

/**
 * Reads a backup file completely and checks everything before returning: the container
 * (signature, version, sizes, digests or authentication), the manifest, the schema version,
 * every row of every table and every image a row refers to. Throws a `BackupError`.
 */
export async function decodeBackup(file: Blob, options: DecodeOptions): Promise<DecodedBackup> {
	const content = await readContainer(file, options.passphrase);
	const { manifest: rawManifest } = content;
	const declared = (rawManifest as { schemaVersion?: unknown } | null)?.schemaVersion;
	if (typeof declared === 'number' && declared > options.schemaVersion)
		throw new BackupError('newer-version', `database schema ${declared}`);
	const parsed = v.safeParse(manifestSchema, rawManifest);
	if (!parsed.success)
		throw new BackupError('invalid-data', `manifest: ${parsed.issues[0].message}`);
	const manifest = parsed.output;

	let tables = content.tables;
	if (manifest.schemaVersion < options.schemaVersion) {
		if (typeof tables !== 'object' || tables === null) throw new BackupError('invalid-data');
		tables = options.migrate(tables as Record<string, unknown>, manifest.schemaVersion);
	}
	const stored = validateTables(tables, content.blobs.length);
	for (const table of BACKUP_TABLES)
		if (manifest.counts[table] !== stored[table].length)
			throw new BackupError('invalid-data', `${table}: the manifest counts a different number`);
	const rows = withoutDeviceOnly(resolveBlobs(stored, content.blobs));
	return {
		encrypted: content.encrypted,
		formatVersion: content.formatVersion,
		schemaVersion: manifest.schemaVersion,
		appVersion: manifest.appVersion,
		createdAt: manifest.createdAt,
		...summarize(rows),
		rows
	};
}

/** A file name for a backup made at `createdAt`, e.g. `homeplay-backup-2026-11-25.homeplay`. */
export function backupFileName(createdAt: number): string {
	return `homeplay-backup-${formatISO(createdAt, { representation: 'date' })}.homeplay`;
}
