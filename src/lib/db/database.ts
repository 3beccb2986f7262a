import { formatISO } from 'date-fns';
import Dexie, { type EntityTable } from 'dexie';
import type {
	CheckIn,
	Child,
	JournalEntry,
	Photo,
	Program,
	ReminderSetting,
	Schedule,
	ScheduleRun,
	Setting,
	TherapistProgram
} from './types';
import { requestPersistentStorage } from './persistence';

/**
 * The one Homeplay database. Every schema change is a new `version(n)` below with an `upgrade`
 * that migrates rows written by n-1, and a test in tests/unit/db-migrations.test.ts that opens
 * data written by the earlier version.
 */
export class HomeplayDatabase extends Dexie {
	children!: EntityTable<Child, 'id'>;
	programs!: EntityTable<Program, 'id'>;
	therapistPrograms!: EntityTable<TherapistProgram, 'id'>;
	checkins!: EntityTable<CheckIn, 'id'>;
	journalEntries!: EntityTable<JournalEntry, 'id'>;
	photos!: EntityTable<Photo, 'id'>;
	schedules!: EntityTable<Schedule, 'id'>;
	scheduleRuns!: EntityTable<ScheduleRun, 'id'>;
	reminderSettings!: EntityTable<ReminderSetting, 'childId'>;
	settings!: EntityTable<Setting, 'key'>;

	constructor(name = 'homeplay') {
		super(name);
		this.version(1).stores(SCHEMA_V1);
		// v2: programs keep every version they received and the day it took effect, so past
		// weeks are judged by the plan that applied then.
		this.version(2)
			.stores(SCHEMA_V2)
			.upgrade((tx) =>
				tx
					.table('programs')
					.toCollection()
					.modify((program: Program) => {
						program.versions ??= [
							{
								version: program.version,
								effectiveFrom: effectiveFrom(program.document.startDate, program.importedAt),
								document: program.document
							}
						];
					})
			);
		this.use({
			stack: 'dbcore',
			name: 'persist-on-first-write',
			create: (down) => ({
				...down,
				table: (tableName) => {
					const table = down.table(tableName);
					return {
						...table,
						mutate: (request) => {
							if (request.type !== 'delete' && request.type !== 'deleteRange')
								void requestPersistentStorage();
							return table.mutate(request);
						}
					};
				}
			})
		});
	}
}

export const SCHEMA_V1 = {
	children: 'id',
	programs: 'id, childId',
	therapistPrograms: 'id, updatedAt',
	checkins: 'id, date, [childId+date], [programId+itemId+date]',
	journalEntries: 'id, date, [childId+date]',
	photos: 'id, entryId',
	schedules: 'id, childId',
	scheduleRuns: 'id, [scheduleId+date], [childId+date]',
	reminderSettings: 'childId',
	settings: 'key'
} as const;

/** v2 adds no index; its upgrade fills in `programs.versions`. */
export const SCHEMA_V2 = SCHEMA_V1;

/** A version applies from its start date, or from the day it reached the device if later. */
export function effectiveFrom(startDate: string, receivedAt: number): string {
	const received = formatISO(new Date(receivedAt), { representation: 'date' });
	return received > startDate ? received : startDate;
}

let instance: HomeplayDatabase | undefined;

/** The app's database, opened lazily on first use. */
export function db(): HomeplayDatabase {
	instance ??= new HomeplayDatabase();
	return instance;
}

/** Tests point the app at a fresh database (fake-indexeddb) with this. */
export function useDatabase(database: HomeplayDatabase) {
	instance = database;
}

export function newId(): string {
	return crypto.randomUUID();
}
