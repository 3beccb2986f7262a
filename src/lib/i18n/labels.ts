import type { Dosage } from '$lib/content/library-types';
import type { AgeBand, GoalArea, Setting } from '$lib/content/taxonomy';
import type { ItemAmount, ItemSchedule } from '$lib/program/model';
import { locale } from '$lib/state/locale.svelte';
import { t, tn, type MessageKey } from './index';

/** Display names of the library's vocabularies; every value has a key in the catalog. */
export const goalLabel = (goal: GoalArea) => t(`goal.${goal}` as MessageKey);
export const ageLabel = (band: AgeBand) => t(`age.${band}` as MessageKey);
export const settingLabel = (setting: Setting) => t(`setting.${setting}` as MessageKey);

/** "10 minutes · 4 times a week" or "10 × 3 · 5 times a week". */
export function dosageLabel(dosage: Pick<Dosage, 'minutes' | 'reps' | 'sets' | 'timesPerWeek'>) {
	const amount: ItemAmount =
		dosage.minutes !== undefined
			? { minutes: dosage.minutes }
			: { reps: dosage.reps ?? 1, sets: dosage.sets ?? 1 };
	return `${amountLabel(amount)} · ${tn('dosage.timesPerWeek', dosage.timesPerWeek)}`;
}

/** Short weekday names in the UI language, Sunday first (0 = Sunday, as date-fns getDay). */
export function weekdayNames(style: 'short' | 'long' = 'short'): string[] {
	const format = new Intl.DateTimeFormat(locale.current, { weekday: style, timeZone: 'UTC' });
	// 2023-01-01 was a Sunday.
	return [0, 1, 2, 3, 4, 5, 6].map((day) => format.format(new Date(Date.UTC(2023, 0, 1 + day))));
}

/** "Mon, Wed, Fri" or "4 times a week". */
export function scheduleLabel(schedule: ItemSchedule): string {
	if ('timesPerWeek' in schedule) return tn('dosage.timesPerWeek', schedule.timesPerWeek);
	if (schedule.days.length === 7) return t('schedule.everyDay');
	const names = weekdayNames();
	return schedule.days.map((day) => names[day]).join(', ');
}

/** "10 minutes" or "10 × 2". */
export function amountLabel(amount: ItemAmount): string {
	return 'minutes' in amount
		? tn('dosage.minutes', amount.minutes)
		: t('dosage.reps', { reps: amount.reps, sets: amount.sets });
}

/** A date as people read it, e.g. "Mon 23 Nov 2026" in the UI language. */
export function dateLabel(iso: string, options: Intl.DateTimeFormatOptions = {}): string {
	return new Intl.DateTimeFormat(locale.current, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC',
		...options
	}).format(new Date(`${iso}T00:00:00Z`));
}
