import * as v from 'valibot';
import { AGE_BANDS } from '$lib/content/taxonomy';
import type {
	CheckIn,
	Child,
	IsoDate,
	JournalEntry,
	Photo,
	Program,
	ReminderSetting,
	Schedule,
	ScheduleRun,
	Setting,
	TherapistProgram
} from '$lib/db/types';
import { programSchema } from '$lib/program/validate';
import { BackupError } from './errors';

/**
 * What a backup holds, table by table, and how rows are checked on the way in and out. Pure:
 * no database, no DOM.
 */

/**
 * Every table of the database, in the order they are written back: photos after the journal
 * entries and schedules they belong to, which a merge consults.
 */
export const BACKUP_TABLES = [
	'children',
	'programs',
	'therapistPrograms',
	'checkins',
	'journalEntries',
	'schedules',
	'scheduleRuns',
	'photos',
	'reminderSettings',
	'settings'
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export interface BackupRows {
	children: Child[];
	programs: Program[];
	therapistPrograms: TherapistProgram[];
	checkins: CheckIn[];
	journalEntries: JournalEntry[];
	photos: Photo[];
	schedules: Schedule[];
	scheduleRuns: ScheduleRun[];
	reminderSettings: ReminderSetting[];
	settings: Setting[];
}

export type TableCounts = Record<BackupTable, number>;

/** The primary key of each table, as in the Dexie schema. */
export const PRIMARY_KEYS = {
	children: 'id',
	programs: 'id',
	therapistPrograms: 'id',
	checkins: 'id',
	journalEntries: 'id',
	photos: 'id',
	schedules: 'id',
	scheduleRuns: 'id',
	reminderSettings: 'childId',
	settings: 'key'
} as const satisfies Record<BackupTable, string>;

/** When this device last exported a backup (ms since 1970), in the settings table. */
export const LAST_BACKUP_SETTING = 'lastBackupAt';

/**
 * Settings that belong to this device rather than to the family's data, so a backup neither
 * carries them nor brings them onto another device:
 * - `parentGate`: the hash of the kid-mode PIN. A file that leaves the device must not carry
 *   something to brute-force offline, and restoring one must not change (or clear) the gate
 *   of the device the child is using.
 * - `lastBackupAt`: when *this* device last saved its data.
 * - `practiceBannerDismissedOn`: the day this device's practice banner was hidden.
 */
export const DEVICE_ONLY_SETTINGS: readonly string[] = [
	'parentGate',
	LAST_BACKUP_SETTING,
	'practiceBannerDismissedOn'
];

/**
 * Reminder fields that belong to this device: the push subscription id and the secret that
 * proves to the reminder server that this device owns it, the opaque tag the server knows this
 * child by, and the day a skip was last sent. They are useless on another device (its push
 * endpoint differs) and would let anyone holding the file change or delete this device's
 * reminders, so they are never exported and never restored.
 */
export const DEVICE_ONLY_REMINDER_FIELDS = [
	'subscriptionId',
	'secret',
	'tag',
	'skippedOn'
] as const;

/** The rows without anything device-only (see above). */
export function withoutDeviceOnly(rows: BackupRows): BackupRows {
	return {
		...rows,
		settings: rows.settings.filter((row) => !DEVICE_ONLY_SETTINGS.includes(row.key)),
		reminderSettings: rows.reminderSettings.map((row) => {
			const copy = { ...row };
			for (const field of DEVICE_ONLY_REMINDER_FIELDS) delete copy[field];
			return copy;
		})
	};
}

export function countRows(rows: BackupRows): TableCounts {
	return Object.fromEntries(
		BACKUP_TABLES.map((table) => [table, rows[table].length])
	) as TableCounts;
}

// --- Blobs: rows keep them as `{ "$blob": index }` into the container's blob list. ---

const BLOB_KEY = '$blob';

export interface BlobRef {
	$blob: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!isRecord(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function isBlobRef(value: Record<string, unknown>): value is { $blob: number } {
	const keys = Object.keys(value);
	return (
		keys.length === 1 &&
		keys[0] === BLOB_KEY &&
		Number.isSafeInteger(value[BLOB_KEY]) &&
		(value[BLOB_KEY] as number) >= 0
	);
}

const invalid = (detail: string) => new BackupError('invalid-data', detail);

/**
 * The rows as JSON-able tables with every Blob (wherever it sits) replaced by a reference, and
 * the Blobs in reference order. Refuses values JSON would silently change — NaN, Infinity,
 * typed arrays, Maps, class instances, holes in arrays — so a backup never differs from the data.
 */
export function toStorable(rows: BackupRows): {
	tables: Record<BackupTable, unknown[]>;
	blobs: Blob[];
} {
	const blobs: Blob[] = [];
	const indexOf = new Map<Blob, number>();
	const convert = (value: unknown, path: string): unknown => {
		if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
		if (typeof value === 'number') {
			if (!Number.isFinite(value)) throw invalid(`${path}: ${value} cannot be stored`);
			return value;
		}
		if (value instanceof Blob) {
			let index = indexOf.get(value);
			if (index === undefined) {
				index = blobs.push(value) - 1;
				indexOf.set(value, index);
			}
			return { [BLOB_KEY]: index };
		}
		if (Array.isArray(value))
			return Array.from(value, (item: unknown, i) => {
				if (item === undefined) throw invalid(`${path}[${i}]: an empty array slot`);
				return convert(item, `${path}[${i}]`);
			});
		if (isPlainObject(value)) {
			if (BLOB_KEY in value) throw invalid(`${path}: "${BLOB_KEY}" is a reserved key`);
			// fromEntries defines own properties, so even a "__proto__" key stays plain data.
			return Object.fromEntries(
				Object.entries(value)
					.filter(([, item]) => item !== undefined)
					.map(([key, item]) => [key, convert(item, `${path}.${key}`)])
			);
		}
		throw invalid(`${path}: a ${Object.prototype.toString.call(value)} cannot be stored`);
	};
	const tables = Object.fromEntries(
		BACKUP_TABLES.map((table) => [
			table,
			rows[table].map((row, index) => convert(row, `${table}[${index}]`))
		])
	) as Record<BackupTable, unknown[]>;
	return { tables, blobs };
}

// --- Row schemas: the shape every table's rows must have (see $lib/db/types). ---
// Objects are loose: a field an app of the same schema version added is kept, not refused or
// dropped, so a backup restores on a slightly older build without losing anything.

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const isoDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/),
	v.check((s) => {
		const date = new Date(`${s}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
	}, 'is not a real date')
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0));
const weekdays = v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)));
const blobRef = v.strictObject({ [BLOB_KEY]: count });

type Stored<Row, BlobFields extends keyof Row> = Omit<Row, BlobFields> & {
	[Field in BlobFields]: BlobRef;
};
type StoredPhoto = Stored<Photo, 'display' | 'thumbnail'>;

const schemas = {
	children: v.looseObject({
		id,
		name: v.string(),
		ageBand: v.picklist(AGE_BANDS),
		avatar: v.optional(v.string()),
		kidLook: v.optional(v.picklist(['pictures', 'checklist'])),
		createdAt: time
	}) satisfies v.GenericSchema<unknown, Child>,
	programs: v.looseObject({
		id,
		childId: id,
		version,
		document: programSchema,
		versions: v.array(v.looseObject({ version, effectiveFrom: isoDate, document: programSchema })),
		endDate: v.optional(isoDate),
		importedAt: time,
		updatedAt: time
	}) satisfies v.GenericSchema<unknown, Program>,
	therapistPrograms: v.looseObject({
		id,
		version,
		childName: v.string(),
		document: programSchema,
		history: v.optional(v.array(programSchema)),
		createdAt: time,
		updatedAt: time
	}) satisfies v.GenericSchema<unknown, TherapistProgram>,
	checkins: v.looseObject({
		id,
		childId: id,
		programId: id,
		itemId: id,
		date: isoDate,
		status: v.picklist(['done', 'partly', 'not-today']),
		minutes: v.optional(amount),
		ease: v.optional(v.picklist([1, 2, 3, 4, 5])),
		mood: v.optional(v.string()),
		note: v.optional(v.string()),
		createdAt: time,
		updatedAt: time
	}) satisfies v.GenericSchema<unknown, CheckIn>,
	journalEntries: v.looseObject({
		id,
		childId: id,
		date: isoDate,
		text: v.string(),
		tags: v.array(v.string()),
		photoIds: v.array(id),
		createdAt: time,
		updatedAt: time
	}) satisfies v.GenericSchema<unknown, JournalEntry>,
	photos: v.looseObject({
		id,
		entryId: id,
		display: blobRef,
		thumbnail: blobRef,
		width: count,
		height: count,
		createdAt: time
	}) satisfies v.GenericSchema<unknown, StoredPhoto>,
	schedules: v.looseObject({
		id,
		childId: id,
		kind: v.picklist(['routine', 'first-then', 'practice']),
		title: v.string(),
		steps: v.array(
			v.looseObject({ id, label: v.string(), picture: v.string(), minutes: v.optional(amount) })
		),
		days: weekdays,
		createdAt: time,
		updatedAt: time
	}) satisfies v.GenericSchema<unknown, Schedule>,
	scheduleRuns: v.looseObject({
		id,
		scheduleId: id,
		childId: id,
		date: isoDate,
		stepsDone: v.array(v.string()),
		stars: count
	}) satisfies v.GenericSchema<unknown, ScheduleRun>,
	reminderSettings: v.looseObject({
		childId: id,
		times: v.array(
			v.looseObject({
				time: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
				days: weekdays
			})
		),
		timeZone: v.pipe(v.string(), v.minLength(1)),
		pausedUntil: v.optional(isoDate)
	}) satisfies v.GenericSchema<unknown, ReminderSetting>,
	// A value of undefined leaves no key in JSON, so `value` may be missing.
	settings: v.looseObject({
		key: v.pipe(v.string(), v.minLength(1)),
		value: v.optional(v.unknown())
	}) satisfies v.GenericSchema<unknown, Omit<Setting, 'value'> & Partial<Setting>>
} satisfies Record<BackupTable, v.GenericSchema>;

type StoredRows = Omit<BackupRows, 'photos'> & { photos: StoredPhoto[] };

function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = (issue.path ?? []).map((step) => String(step.key)).join('.');
	return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Checks JSON-able tables (blobs as references) against the row schemas: every table present,
 * every row of the right shape, primary keys unique, every blob reference within `blobCount`.
 * Returns fresh copies. Throws `BackupError('invalid-data')` naming the first bad row.
 */
export function validateTables(tables: unknown, blobCount: number): StoredRows {
	if (!isRecord(tables)) throw invalid('no tables');
	const unknown = Object.keys(tables).filter(
		(name) => !(BACKUP_TABLES as readonly string[]).includes(name)
	);
	if (unknown.length > 0) throw invalid(`unknown table ${unknown[0]}`);
	const out: Record<string, unknown[]> = {};
	for (const table of BACKUP_TABLES) {
		const rows = tables[table];
		if (!Array.isArray(rows)) throw invalid(`${table}: missing`);
		const schema: v.GenericSchema = schemas[table];
		const keys = new Set<unknown>();
		out[table] = rows.map((row, index) => {
			const result = v.safeParse(schema, row);
			if (!result.success) throw invalid(`${table}[${index}].${describeIssue(result.issues[0])}`);
			const key = (result.output as Record<string, unknown>)[PRIMARY_KEYS[table]];
			if (keys.has(key)) throw invalid(`${table}[${index}]: a second row with key ${key}`);
			keys.add(key);
			checkBlobRefs(result.output, blobCount, `${table}[${index}]`);
			return result.output;
		});
	}
	return out as unknown as StoredRows;
}

function checkBlobRefs(value: unknown, blobCount: number, path: string) {
	if (Array.isArray(value))
		value.forEach((item, i) => checkBlobRefs(item, blobCount, `${path}[${i}]`));
	else if (isRecord(value)) {
		if (isBlobRef(value)) {
			if (value.$blob >= blobCount) throw invalid(`${path}: image ${value.$blob} is missing`);
		} else
			for (const [key, item] of Object.entries(value))
				checkBlobRefs(item, blobCount, `${path}.${key}`);
	}
}

/** Photos show in <img>: only raster image types (never SVG, which can carry script). */
const PHOTO_BLOB_TYPE = /^(image\/(?!svg)[a-z0-9.+-]+)?$/;

/** Validated tables with their blob references replaced by the Blobs. */
export function resolveBlobs(tables: StoredRows, blobs: readonly Blob[]): BackupRows {
	const resolve = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(resolve);
		if (!isRecord(value)) return value;
		if (isBlobRef(value)) return blobs[value.$blob];
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
	};
	const rows = Object.fromEntries(
		BACKUP_TABLES.map((table) => [table, (tables[table] as unknown[]).map(resolve)])
	) as unknown as BackupRows;
	for (const [index, photo] of rows.photos.entries())
		for (const image of [photo.display, photo.thumbnail])
			if (!PHOTO_BLOB_TYPE.test(image.type))
				throw invalid(`photos[${index}]: an image of type ${image.type}`);
	return rows;
}

export interface DateRange {
	from: IsoDate;
	to: IsoDate;
}

function dateRange(rows: { date: IsoDate }[]): DateRange | null {
	if (rows.length === 0) return null;
	let from = rows[0].date;
	let to = from;
	for (const { date } of rows) {
		if (date < from) from = date;
		if (date > to) to = date;
	}
	return { from, to };
}

/** What the family sees before restoring: enough to recognise the backup. */
export interface RowsSummary {
	counts: TableCounts;
	/** Oldest first, as the app lists them. */
	children: { id: string; name: string }[];
	checkins: DateRange | null;
	journalEntries: DateRange | null;
	photos: { count: number; bytes: number };
}

export function summarize(rows: BackupRows): RowsSummary {
	return {
		counts: countRows(rows),
		children: [...rows.children]
			.sort((a, b) => a.createdAt - b.createdAt)
			.map(({ id, name }) => ({ id, name })),
		checkins: dateRange(rows.checkins),
		journalEntries: dateRange(rows.journalEntries),
		photos: {
			count: rows.photos.length,
			bytes: rows.photos.reduce((sum, p) => sum + p.display.size + p.thumbnail.size, 0)
		}
	};
}
