import type { ReminderSetting } from '$lib/db/types';
import { planFor, type CheckInLite, type PlannedItem, type ProgramPlan } from '$lib/schedule/due';
import { weekday, type IsoDate, type WeekStart } from '$lib/schedule/week';

/**
 * Pure logic behind the in-app "practice is due" banner and "skip today's reminders": which of a
 * child's activities are still open today, and whether one of today's reminder times has passed.
 */

/** A wall-clock reading: the local date and `HH:mm` time in some time zone. */
export interface ClockReading {
	date: IsoDate;
	time: string;
}

/**
 * The date and time on the wall clock of `timeZone` at `now`; the device's own clock when the
 * zone is unknown to this browser.
 */
export function clockIn(timeZone: string | undefined, now: Date): ClockReading {
	try {
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-US', {
				timeZone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23'
			})
				.formatToParts(now)
				.map((part) => [part.type, part.value])
		);
		return {
			date: `${parts.year}-${parts.month}-${parts.day}`,
			time: `${parts.hour}:${parts.minute}`
		};
	} catch {
		const pad = (n: number) => String(n).padStart(2, '0');
		return {
			date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
			time: `${pad(now.getHours())}:${pad(now.getMinutes())}`
		};
	}
}

/** Reminders are on for this row on `date`: not turned off, not paused, with some time. */
export function remindersActiveOn(setting: ReminderSetting, date: IsoDate): boolean {
	if (setting.enabled === false || setting.times.length === 0) return false;
	return !setting.pausedUntil || setting.pausedUntil <= date;
}

/** Today's reminder times of a row, earliest first (none when off or paused). */
export function reminderTimesOn(setting: ReminderSetting, date: IsoDate): string[] {
	if (!remindersActiveOn(setting, date)) return [];
	const day = weekday(date);
	const times = setting.times.filter((t) => t.days.includes(day)).map((t) => t.time);
	return [...new Set(times)].sort();
}

/** The latest of today's reminder times that has come, if one has. */
export function passedReminderTime(
	setting: ReminderSetting,
	clock: ClockReading
): string | undefined {
	return reminderTimesOn(setting, clock.date)
		.filter((time) => time <= clock.time)
		.at(-1);
}

/**
 * The activities due on `date` that have no check-in that day. Any answer counts as logged,
 * "not today" included: the family answered, so there is nothing to remind them of.
 */
export function unloggedDue(
	plans: readonly ProgramPlan[],
	checkins: readonly CheckInLite[],
	date: IsoDate,
	weekStartsOn: WeekStart
): PlannedItem[] {
	const logged = new Set(
		checkins.filter((c) => c.date === date).map((c) => `${c.programId}:${c.itemId}`)
	);
	return planFor(plans, checkins, date, weekStartsOn).filter(
		(planned) => planned.due && !logged.has(`${planned.programId}:${planned.item.id}`)
	);
}

/**
 * Whether the banner nudges about one child now: a reminder time of today has passed, practice
 * is still open, and the family has not hidden the banner today.
 */
export function shouldNudge(input: {
	setting: ReminderSetting;
	clock: ClockReading;
	openCount: number;
	dismissedOn?: IsoDate;
}): boolean {
	const { setting, clock, openCount, dismissedOn } = input;
	if (openCount === 0 || dismissedOn === clock.date) return false;
	return passedReminderTime(setting, clock) !== undefined;
}
