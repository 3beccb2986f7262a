import type { Dosage } from '$lib/content/library-types';
import type { AgeBand, GoalArea, Setting } from '$lib/content/taxonomy';
import { t, tn, type MessageKey } from './index';

/** Display names of the library's vocabularies; every value has a key in the catalog. */
export const goalLabel = (goal: GoalArea) => t(`goal.${goal}` as MessageKey);
export const ageLabel = (band: AgeBand) => t(`age.${band}` as MessageKey);
export const settingLabel = (setting: Setting) => t(`setting.${setting}` as MessageKey);

/** "10 minutes · 4 times a week" or "10 × 3 · 5 times a week". */
export function dosageLabel(dosage: Pick<Dosage, 'minutes' | 'reps' | 'sets' | 'timesPerWeek'>) {
	const amount =
		dosage.minutes !== undefined
			? t('dosage.minutes', { minutes: dosage.minutes })
			: t('dosage.reps', { reps: dosage.reps ?? 1, sets: dosage.sets ?? 1 });
	return `${amount} · ${tn('dosage.timesPerWeek', dosage.timesPerWeek)}`;
}
