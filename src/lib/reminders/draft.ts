import type { IsoDate, ReminderSetting } from '$lib/db/types';
import { plusDays } from '$lib/schedule/week';
import { newReminderTag } from './tag';

/**
 * The Reminders screen's editable copy of one child's reminder row, and the checks it must pass
 * before it is saved. Pure.
 */

export interface TimeDraft {
	/** Keys the row in the list while it is edited; not stored. */
	key: string;
	/** `HH:mm`. */
	time: string;
	/** 0 = Sunday … 6 = Saturday. */
	days: number[];
}

export interface ReminderDraft {
	enabled: boolean;
	tag: string;
	times: TimeDraft[];
	paused: boolean;
	/** The day reminders come back after a pause. */
	resumeOn: IsoDate;
}

export type DraftProblem = 'noTimes' | 'tooManyTimes' | 'badTime' | 'noDays' | 'resumeNotLater';

/** The server takes at most this many times per child. */
export const MAX_TIMES = 12;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

let keys = 0;
const nextKey = () => `time-${++keys}`;

/** A new reminder time; school days at 7:30 unless told otherwise. */
export function newTime(time = '07:30', days = [1, 2, 3, 4, 5]): TimeDraft {
	return { key: nextKey(), time, days: [...days] };
}

/** What a child without reminders starts from: 7:30 on school days, 10:00 at the weekend. */
export function defaultTimes(): TimeDraft[] {
	return [newTime('07:30', [1, 2, 3, 4, 5]), newTime('10:00', [0, 6])];
}

/** The draft of a stored row, or of a new one (off, with the default times). */
export function draftFrom(setting: ReminderSetting | undefined, today: IsoDate): ReminderDraft {
	const paused = !!setting?.pausedUntil && setting.pausedUntil > today;
	return {
		enabled: !!setting && setting.enabled !== false,
		tag: setting?.tag ?? newReminderTag(),
		times: setting?.times.length
			? setting.times.map((t) => newTime(t.time, t.days))
			: defaultTimes(),
		paused,
		resumeOn: paused ? setting!.pausedUntil! : plusDays(today, 7)
	};
}

/** What is wrong with a draft, if anything; a draft that is off is always fine. */
export function draftProblems(draft: ReminderDraft, today: IsoDate): DraftProblem[] {
	if (!draft.enabled) return [];
	const problems = new Set<DraftProblem>();
	if (draft.times.length === 0) problems.add('noTimes');
	if (draft.times.length > MAX_TIMES) problems.add('tooManyTimes');
	for (const t of draft.times) {
		if (!CLOCK.test(t.time)) problems.add('badTime');
		if (t.days.length === 0) problems.add('noDays');
	}
	if (draft.paused && !(/^\d{4}-\d{2}-\d{2}$/.test(draft.resumeOn) && draft.resumeOn > today))
		problems.add('resumeNotLater');
	return [...problems];
}

/** The times as stored and sent: days sorted and unique, the same time on the same days once. */
export function cleanTimes(times: readonly TimeDraft[]): ReminderSetting['times'] {
	const seen = new Set<string>();
	const out: ReminderSetting['times'] = [];
	for (const { time, days } of times) {
		const clean = [...new Set(days)].filter((d) => d >= 0 && d <= 6).sort((a, b) => a - b);
		const key = `${time}|${clean.join()}`;
		if (clean.length === 0 || seen.has(key)) continue;
		seen.add(key);
		out.push({ time, days: clean });
	}
	return out.sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * The row to store for a draft: the draft's choices on top of what only this device knows (the
 * server subscription, the last skipped day), which the screen never edits.
 */
export function settingFrom(
	draft: ReminderDraft,
	childId: string,
	timeZone: string,
	previous: ReminderSetting | undefined
): ReminderSetting {
	const row: ReminderSetting = {
		...previous,
		childId,
		times: cleanTimes(draft.times),
		timeZone,
		enabled: draft.enabled,
		tag: previous?.tag ?? draft.tag
	};
	if (draft.enabled && draft.paused) row.pausedUntil = draft.resumeOn;
	else delete row.pausedUntil;
	return row;
}

/** Whether the draft differs from the stored row in anything chosen for this child. */
export function draftChanged(
	draft: ReminderDraft,
	saved: ReminderSetting | undefined,
	today: IsoDate
): boolean {
	if (!saved) return draft.enabled;
	const choices = (d: ReminderDraft) => {
		const row = settingFrom(d, '', '', undefined);
		return JSON.stringify(row.enabled ? [true, row.times, row.pausedUntil ?? null] : [false]);
	};
	return choices(draft) !== choices(draftFrom(saved, today));
}
