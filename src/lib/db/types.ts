import type { AgeBand } from '$lib/content/taxonomy';
import type { ProgramDoc } from '$lib/program/model';

/** Row types of the Homeplay database. Dates without time are ISO `yyyy-MM-dd` strings. */

export type IsoDate = string;

export interface Child {
	id: string;
	name: string;
	ageBand: AgeBand;
	/** A pictogram name or a photo id the child chose as their avatar. */
	avatar?: string;
	/** Kid-mode look: big pictures, or a plainer checklist for older children. */
	kidLook?: 'pictures' | 'checklist';
	/** The reward the parent set in kid mode ("5 stars → park trip"). */
	reward?: { stars: number; label: string; since: IsoDate };
	createdAt: number;
}

export interface Program {
	/** Stable across updates of the same program. */
	id: string;
	childId: string;
	version: number;
	/** The decoded program document, as the therapist sent it (the latest version). */
	document: ProgramDoc;
	/** Every version received, oldest first, with the day each took effect (schema v2). */
	versions: ProgramVersion[];
	/** The family removed the program: it no longer applies from this day (schema v2). */
	endDate?: IsoDate;
	importedAt: number;
	updatedAt: number;
}

export interface ProgramVersion {
	version: number;
	effectiveFrom: IsoDate;
	document: ProgramDoc;
}

/** A program a therapist builds on their own device; every save is a new version. */
export interface TherapistProgram {
	id: string;
	version: number;
	childName: string;
	document: ProgramDoc;
	/** The versions handed to the family so far, oldest first, to match reports against. */
	history?: ProgramDoc[];
	createdAt: number;
	updatedAt: number;
}

export type CheckInStatus = 'done' | 'partly' | 'not-today';

export interface CheckIn {
	id: string;
	childId: string;
	programId: string;
	itemId: string;
	date: IsoDate;
	status: CheckInStatus;
	minutes?: number;
	/** 1 very hard … 5 very easy. */
	ease?: 1 | 2 | 3 | 4 | 5;
	mood?: string;
	note?: string;
	createdAt: number;
	updatedAt: number;
}

export interface JournalEntry {
	id: string;
	childId: string;
	date: IsoDate;
	text: string;
	/** Activity ids and goal areas this entry is about. */
	tags: string[];
	photoIds: string[];
	createdAt: number;
	updatedAt: number;
}

export interface Photo {
	id: string;
	/** What the photo belongs to: a journal entry, or a kid-mode schedule (its picture steps). */
	entryId: string;
	display: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
	createdAt: number;
}

export interface ScheduleStep {
	id: string;
	label: string;
	/** `pictogram:<name>`, `activity:<id>` or `photo:<id>`. */
	picture: string;
	minutes?: number;
}

export interface Schedule {
	id: string;
	childId: string;
	kind: 'routine' | 'first-then' | 'practice';
	title: string;
	steps: ScheduleStep[];
	/** 0 = Sunday … 6 = Saturday. */
	days: number[];
	createdAt: number;
	updatedAt: number;
}

export interface ScheduleRun {
	id: string;
	scheduleId: string;
	childId: string;
	date: IsoDate;
	stepsDone: string[];
	stars: number;
}

export interface ReminderTime {
	/** `HH:mm` in the family's time zone. */
	time: string;
	days: number[];
}

export interface ReminderSetting {
	childId: string;
	times: ReminderTime[];
	timeZone: string;
	/** No reminder before this day: they resume on it (a holiday pause). */
	pausedUntil?: IsoDate;
	/** The family turned this child's reminders off; the times stay for next time. */
	enabled?: boolean;
	/**
	 * The random tag the reminder server knows this child's reminders by: never derived from the
	 * child's id or name. Also the UID stem of the calendar file's events.
	 */
	tag?: string;
	subscriptionId?: string;
	secret?: string;
	/** The day the server last accepted "skip the rest of today" (everything was logged). */
	skippedOn?: IsoDate;
}

export interface Setting {
	key: string;
	value: unknown;
}
