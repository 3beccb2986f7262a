import type { KidStep } from '$lib/content/library-types';
import type { AgeBand, GoalArea } from '$lib/content/taxonomy';

/**
 * A home program as the therapist builds it and the family receives it. Dates are ISO
 * `yyyy-MM-dd`; weekdays are 0 = Sunday … 6 = Saturday (as date-fns `getDay`).
 */

export type IsoDate = string;

/** When an item is due: on fixed weekdays, or a number of times a week on any days. */
export type ItemSchedule = { days: number[] } | { timesPerWeek: number };

/** How much: minutes, or repetitions × sets. */
export type ItemAmount = { minutes: number } | { reps: number; sets: number };

/** An activity the therapist wrote for what the library lacks; travels inside the link. */
export interface CustomActivity {
	title: string;
	pictogram: string;
	steps: string[];
	kidSteps: KidStep[];
}

export interface ProgramItem {
	/** Stable across versions of the program: check-ins refer to it. */
	id: string;
	activityId?: string;
	custom?: CustomActivity;
	schedule: ItemSchedule;
	amount: ItemAmount;
	/** When in the day, e.g. "after breakfast". */
	anchor: string;
	note?: string;
	variation?: 'easier' | 'harder';
}

export interface ProgramGoal {
	text: string;
	goalAreas: GoalArea[];
}

export interface ProgramDoc {
	/** Stable for the life of the program, across versions. */
	id: string;
	version: number;
	child: { name: string; ageBand: AgeBand };
	goals: ProgramGoal[];
	therapist: { name: string; clinic?: string; contact?: string };
	startDate: IsoDate;
	reviewDate?: IsoDate;
	items: ProgramItem[];
}

/** Routine anchors the app suggests; links store their position, so only ever append. */
export const SUGGESTED_ANCHORS = [
	'morning routine',
	'after breakfast',
	'after school',
	'before dinner',
	'mealtime',
	'during bath',
	'bedtime',
	'playtime',
	'weekend',
	'car ride',
	'outdoor play',
	'homework time',
	'after lunch',
	'any time'
] as const;

export const LIMITS = {
	childName: 40,
	goals: 4,
	goalText: 120,
	therapistField: 80,
	items: 30,
	note: 300,
	anchor: 40,
	customTitle: 60,
	customSteps: 8,
	stepText: 240,
	kidSteps: 5,
	kidStepText: 40
} as const;

/** A short random id (base64url), for programs and custom items. */
export function randomId(length = 10): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	return [...bytes].map((b) => alphabet[b & 63]).join('');
}

export const isLibraryItem = (item: ProgramItem): item is ProgramItem & { activityId: string } =>
	item.activityId !== undefined;
